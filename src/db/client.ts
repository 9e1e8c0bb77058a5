/**
 * The Prisma client for one PostgreSQL database, over node-postgres through the Rust-free
 * `engineType = "client"` runtime and @prisma/adapter-pg.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { observePool } from "../metrics.js";

export type Db = PrismaClient;

export interface DbOptions {
  url: string;
  /** Pool size per gateway instance. */
  maxConnections?: number;
  /** Sees every SQL statement sent (tests count them; trace logging prints them). */
  onStatement?: (sql: string) => void;
  /** Hears connection errors (a terminated backend, a database that went away); they are never fatal. */
  onConnectionError?: (error: Error) => void;
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The node-postgres pool under a client, for the few hot paths that send hand-written SQL: a Prisma
 * query costs about 1.3 ms of CPU to plan and map, a plain pg query about 0.1 ms (measured here).
 */
export function sqlPool(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("not a client made by createDb");
  return pool;
}

export function createDb({ url, maxConnections = 10, onStatement, onConnectionError = () => {} }: DbOptions): Db {
  // A database that accepts no connection (stopped, partitioned) fails requests within seconds
  // rather than holding them until the client gives up.
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 10_000 });
  // node-postgres emits 'error' on a connection the server drops (pg_terminate_backend, a crash),
  // idle ones through the pool and checked-out ones (Prisma's transactions, ours) on the client;
  // unheard, that event ends the process. The query in flight fails on its own, and the pool
  // replaces the connection, so hearing it is all that is needed.
  pool.on("error", onConnectionError);
  pool.on("connect", (client) => client.on("error", onConnectionError));
  observePool(pool);
  if (onStatement) {
    // Hook each connection as it opens: pool.query and transactions both end in client.query.
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const text = args[0];
        onStatement(typeof text === "string" ? text : String((text as { text?: string })?.text));
        return query(...args);
      }) as typeof client.query;
    });
  }
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}
