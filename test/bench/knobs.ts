/**
 * The bench's knobs, from the environment. Defaults keep `npm run bench` (all scenarios) under
 * about five minutes on a 2-core machine; raise them for steadier figures on a quiet machine.
 */
function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

export const knobs = {
  /** Seconds per measured autocannon run (overhead, nested, ingest). */
  seconds: int("BENCH_SECONDS", 3),
  /** Seconds per warm-up run: V8 needs ~10,000 gateway requests before its throughput settles. */
  warmupSeconds: int("BENCH_WARMUP_SECONDS", 5),
  /** Measured A/B pairs per throughput scenario (after one warm-up pair). */
  pairs: int("BENCH_PAIRS", 6),
  /** Concurrent HTTP connections of autocannon. */
  connections: int("BENCH_CONNECTIONS", 10),
  /** Measured A/B pairs of fanout messages per subscriber count (one message per second each side). */
  fanoutPairs: int("BENCH_FANOUT_PAIRS", 6),
  /** Subscriber counts for fanout, comma-separated. */
  fanoutSizes: (process.env.BENCH_FANOUT_SIZES ?? "1000,10000").split(",").map(Number),
  /** Measured A/B pairs for cross-instance (one subscriber each side). */
  crossPairs: int("BENCH_CROSS_PAIRS", 30),
  /** Server kinds `--profile` runs under `node --cpu-prof`, comma-separated (e.g. `gateway,bare-yoga` to compare). */
  profiled: (process.env.BENCH_PROFILE ?? "gateway").split(","),
  /** Extra node flags for those same server kinds, space-separated (e.g. `--trace-gc`, `--max-semi-space-size=64`); with or without `--profile`. */
  serverFlags: (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean),
};
