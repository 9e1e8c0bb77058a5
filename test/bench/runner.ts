/**
 * What a scenario gets to work with: seeded data, server and load-generator child processes pinned
 * to their cores, and the A/B interleaving that makes gateway and reference figures comparable on a
 * shared machine (a burst of load from elsewhere hits both sides of a pair alike).
 */
import type { LoadResult, LoadRun } from "./load-child.js";
import { spawnChild, type Child, type Pinning } from "./processes.js";
import type { Seeded } from "./seed.js";
import type { Row } from "./stats.js";
import { knobs } from "./knobs.js";

export type ServerKind = "gateway" | "bare-http" | "bare-yoga" | "pg-nested" | "postgraphile" | "pg-ingest" | "ws-broadcast";

export interface ServerStats {
  rss: number;
  heapUsed: number;
  statements: number;
  /** CPU time the server process has used (user + system), in µs: per request, it holds under load from elsewhere. */
  cpuMicros: number;
  lastPublishAt: number;
  lastRedisMessageAt: number;
}

export interface ServerHandle {
  name: string;
  /** http://127.0.0.1:port/graphql */
  url: string;
  /** ws://127.0.0.1:port/graphql */
  wsUrl: string;
  /** Memory after two full GCs when `gc` (the child runs with --expose-gc), and statements so far. */
  stats(gc?: boolean): Promise<ServerStats>;
  stop(): Promise<void>;
}

export interface ScenarioResult {
  rows: Row[];
  /** Raw samples and checks, for the JSON file. */
  details: Record<string, unknown>;
}

export interface BenchContext {
  databaseUrl: string;
  redisUrl?: string;
  seeded: Seeded;
  /** The default load generator (pinned to the load core). */
  load: Child;
  /** Starts a server child on the server core (or, with `core: "load"`, on the load generators' core). */
  startServer(name: string, kind: ServerKind, options: unknown, core?: "server" | "load"): Promise<ServerHandle>;
  startLoad(name: string): Promise<Child>;
  runLoad(server: ServerHandle, run: Omit<LoadRun, "url" | "connections" | "seconds">, seconds: number): Promise<LoadResult>;
  /** `warmUpPairs` unrecorded pairs, then `pairs` pairs of A then B; returns the measured samples. */
  interleave<T>(
    label: string,
    pairs: number,
    a: (warmUp: boolean) => Promise<T>,
    b: (warmUp: boolean) => Promise<T>,
    show?: (t: T) => string,
    warmUpPairs?: number,
  ): Promise<{ a: T[]; b: T[] }>;
  log(message: string): void;
}

export interface ContextOptions {
  databaseUrl: string;
  redisUrl?: string;
  seeded: Seeded;
  pinning: Pinning;
  /** Directory for gateway CPU profiles; no profiling when unset. */
  profileDir?: string;
}

export const JSON_HEADERS = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };

/** The context plus `close()`, which stops every child it started. */
export async function createContext(options: ContextOptions): Promise<BenchContext & { close(): Promise<void> }> {
  const children: Child[] = [];
  const log = (message: string) => console.log(`  ${message}`);
  const startLoad = async (name: string) => {
    const child = await spawnChild(name, "./load-child.ts", { cpu: options.pinning.load });
    children.push(child);
    return child;
  };
  const load = await startLoad("load");
  return {
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    seeded: options.seeded,
    load,
    startLoad,
    log,
    async startServer(name, kind, serverOptions, core = "server") {
      const nodeFlags = ["--expose-gc"];
      if (knobs.profiled.includes(kind)) nodeFlags.push(...knobs.serverFlags);
      if (options.profileDir && knobs.profiled.includes(kind)) nodeFlags.push("--cpu-prof", `--cpu-prof-dir=${options.profileDir}`);
      // As deployed: graphql-js skips its development-only checks (instanceOf) under production.
      const env = { NODE_ENV: "production" };
      const child = await spawnChild(name, "./server-child.ts", { cpu: options.pinning[core], nodeFlags, env });
      children.push(child);
      const port = await child.call<number>("start", { kind, options: serverOptions });
      return {
        name,
        url: `http://127.0.0.1:${port}/graphql`,
        wsUrl: `ws://127.0.0.1:${port}/graphql`,
        stats: (gc = false) => child.call<ServerStats>("stats", { gc }),
        stop: () => child.stop(),
      };
    },
    runLoad: (server, run, seconds) => load.call<LoadResult>("load", { ...run, url: server.url, seconds, connections: knobs.connections }),
    async interleave(label, pairs, a, b, show, warmUpPairs = 1) {
      for (let i = 0; i < warmUpPairs; i++) {
        await a(true);
        await b(true);
      }
      const samples = { a: [] as Awaited<ReturnType<typeof a>>[], b: [] as Awaited<ReturnType<typeof b>>[] };
      for (let i = 0; i < pairs; i++) {
        samples.a.push(await a(false));
        samples.b.push(await b(false));
        if (show) log(`${label} ${i + 1}/${pairs}: gateway ${show(samples.a[i]!)} | reference ${show(samples.b[i]!)}`);
      }
      return samples;
    },
    async close() {
      await Promise.all(children.map((child) => child.stop()));
    },
  };
}

/** One POST from the orchestrator (for checks and statement counts, never for timing). */
export async function post(url: string, headers: Record<string, string>, body: string) {
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", body: await response.text() };
}
