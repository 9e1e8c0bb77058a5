/**
 * Latency at a steady rate below saturation, where a deployment runs and where the target p99 ≤ 2×
 * p50 is judged. An open loop: requests leave evenly spaced, and each latency counts from its
 * scheduled departure, so a stall counts against every request it holds up (a closed loop at
 * saturation hides stalls behind its own queue). Gateway and reference get the same rate, a share of
 * the gateway's saturated throughput in the same run, so the reference's p99 ÷ p50 shows what the
 * machine and the load generator add to the tail.
 */
import type { PacedResult } from "./load-child.js";
import { knobs } from "./knobs.js";
import type { BenchContext, ServerHandle } from "./runner.js";
import { ratioRow, summarize, type Row } from "./stats.js";

/**
 * The steady rate's share of the gateway's saturated throughput. Not half: at 50% both the gateway
 * and its references queue, and p99 is 4–36× p50 on either side (nested, measured), which says
 * nothing about stalls; at 70% one overhead run in three was over the gateway's capacity of the
 * moment (this VM's speed moves by a third within minutes). At 20% the nested reference's p99 was
 * 2.1–2.9× its p50.
 */
export const STEADY_SHARE = 0.2;

type Latencies = Pick<PacedResult, "latencyP50" | "latencyP99" | "latencyP999">;

export const latency = (r: Latencies) =>
  `p50/p99/p99.9 ${[r.latencyP50, r.latencyP99, r.latencyP999].map((ms) => ms.toFixed(2)).join("/")} ms`;

export interface SteadyRuns {
  rate: number;
  gateway: PacedResult[];
  reference: PacedResult[];
  failed: number;
}

/** Gateway and reference A B A B … at STEADY_SHARE of `saturated` (the gateway's req/s runs). */
export async function steadyRuns(
  ctx: BenchContext,
  label: string,
  servers: { gateway: ServerHandle; reference: ServerHandle },
  request: { headers: Record<string, string>; body: string },
  saturated: number[],
): Promise<SteadyRuns> {
  const rate = Math.round(STEADY_SHARE * summarize(saturated).median);
  const paced = (server: ServerHandle) => (warmUp: boolean) =>
    ctx.load.call<PacedResult>("paced", {
      url: server.url,
      seconds: warmUp ? knobs.warmupSeconds : knobs.seconds,
      rate,
      connections: knobs.connections,
      ...request,
    });
  // The warm-up pair matters here too: the first paced run right after saturated ones often stood out (p50 3–6 ms).
  const { a, b } = await ctx.interleave(`${label} steady`, knobs.pairs, paced(servers.gateway), paced(servers.reference), latency);
  return { rate, gateway: a, reference: b, failed: [...a, ...b].reduce((sum, r) => sum + r.failed, 0) };
}

/**
 * p50 and p99 rows for one load pattern, against a reference measured next to it. `judged` rows
 * carry the target, met when every run's p99 is within 2× its p50.
 */
export function latencyRows(
  scenario: string,
  figure: (percentile: string) => string,
  gateway: Latencies[],
  reference: Latencies[],
  referenceName: string,
  judged: boolean,
): Row[] {
  const p50 = ratioRow(
    scenario,
    figure("p50"),
    gateway.map((r) => r.latencyP50),
    reference.map((r) => r.latencyP50),
  );
  const spread = (runs: Latencies[]) => runs.map((r) => r.latencyP99 / r.latencyP50);
  const worst = Math.max(...spread(gateway));
  const p99: Row = {
    scenario,
    figure: figure("p99"),
    gateway: summarize(gateway.map((r) => r.latencyP99)),
    reference: summarize(reference.map((r) => r.latencyP99)),
    comparison: `gateway p99 ÷ p50: ${summarize(spread(gateway)).median.toFixed(2)} (worst run ${worst.toFixed(2)}), p99.9 ${summarize(
      gateway.map((r) => r.latencyP999),
    ).median.toFixed(2)} ms; ${referenceName} p99 ÷ p50: ${summarize(spread(reference)).median.toFixed(2)}`,
    target: judged ? "p99 ≤ 2× p50" : undefined,
    met: judged ? worst <= 2 : undefined,
  };
  return [p50, p99];
}

/** The judged rows of a steady pair: `figure` names the percentile and the load. */
export function steadyRows(scenario: string, figure: (percentile: string) => string, runs: SteadyRuns, referenceName: string): Row[] {
  const rows = latencyRows(scenario, figure, runs.gateway, runs.reference, referenceName, true);
  const p99 = rows[1]!;
  p99.comparison = `${runs.rate} req/s, open loop; ${p99.comparison}`;
  if (runs.failed) Object.assign(p99, { met: false, note: `${runs.failed} failed requests at the steady rate` });
  return rows;
}
