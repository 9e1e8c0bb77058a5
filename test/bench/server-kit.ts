/** What every server under test offers the orchestrator, and small helpers the references share. */
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import pg from "pg";

export interface BenchServer {
  port: number;
  /** SQL statements sent so far (0 for servers without a database). */
  statements(): number;
  /** Wall-clock ms (performance.timeOrigin + now) of the last pub/sub publication, for gateways. */
  lastPublishAt?(): number;
  /** Wall-clock ms of the last publication received from Redis, for gateways with Redis. */
  lastRedisMessageAt?(): number;
  close(): Promise<void>;
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** A reference HTTP server on a free port; `pool` (if any) is counted and closed with it. */
export async function startHttp(handler: RequestListener, pool?: ReturnType<typeof countingPool>): Promise<BenchServer> {
  const server = createServer(handler);
  const port = await listen(server);
  return {
    port,
    statements: () => pool?.statements() ?? 0,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool?.pool.end();
    },
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A pg pool that counts statements the way the gateway's `onStatement` does (every client.query),
 * so both sides of a comparison are counted alike. Same size as the gateway's default pool.
 */
export function countingPool(url: string, max = 10) {
  let statements = 0;
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      statements++;
      return query(...args);
    }) as typeof client.query;
  });
  return { pool, statements: () => statements };
}
