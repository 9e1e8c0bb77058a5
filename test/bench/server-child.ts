/**
 * Entry of a server child process (pinned to the server core): one gateway or one reference,
 * loaded on demand so a reference process carries none of the gateway's modules.
 */
import { serve } from "./processes.js";
import type { ServerKind } from "./runner.js";
import type { BenchServer } from "./server-kit.js";

const starters: Record<ServerKind, (options: any) => Promise<BenchServer>> = {
  gateway: async (o) => (await import("./gateway-server.js")).startGateway(o),
  "bare-http": async (o) => (await import("./overhead.js")).startBareHttp(o),
  "bare-yoga": async () => (await import("./overhead.js")).startBareYoga(),
  "pg-nested": async (o) => (await import("./nested.js")).startNestedReference(o),
  postgraphile: async (o) => (await import("./postgraphile.js")).startPostGraphile(o),
  "pg-ingest": async (o) => (await import("./ingest.js")).startIngestReference(o),
  "ws-broadcast": async (o) => (await import("./fanout.js")).startBroadcastReference(o),
};

let server: BenchServer | undefined;

serve({
  async start({ kind, options }: { kind: ServerKind; options: unknown }) {
    server = await starters[kind](options);
    return server.port;
  },
  stats({ gc }: { gc: boolean }) {
    if (gc && globalThis.gc) {
      globalThis.gc();
      globalThis.gc();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    return {
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      statements: server?.statements() ?? 0,
      cpuMicros: cpu.user + cpu.system,
      lastPublishAt: server?.lastPublishAt?.() ?? 0,
      lastRedisMessageAt: server?.lastRedisMessageAt?.() ?? 0,
    };
  },
  close: () => server?.close(),
});
