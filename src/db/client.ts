/**
 * One PostgreSQL database: the Prisma client, over node-postgres through the Rust-free
 * `engineType = "client"` runtime and @prisma/adapter-pg, and that node-postgres pool itself.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { observePool } from "../metrics.js";

export type Db = PrismaClient;

/**
 * Both ways to the database, over the same connections. `pool` is for the few hot paths that send
 * hand-written SQL (src/db/sql.ts): a Prisma query costs about 1.3 ms of CPU to plan and map, a
 * plain pg query about 0.1 ms (measured here). `db.$disconnect()` ends the pool too.
 */
export interface Database {
  db: Db;
  pool: pg.Pool;
}

export interface DbOptions {
  url: string;
  /** Pool size per gateway instance. */
  maxConnections?: number;
  /** Sees every SQL statement sent (tests count them; trace logging prints them). */
  onStatement?: (sql: string) => void;
  /** Hears connection errors (a terminated backend, a database that went away); they are never fatal. */
  onConnectionError?: (error: Error) => void;
}

export function createDb({ url, maxConnections = 10, onStatement, onConnectionError = () => {} }: DbOptions): Database {
  // A database that accepts no connection (stopped, partitioned) fails requests within seconds
  // rather than holding them until the client gives up.
  // Pipelined: a statement is sent when it is issued, not when the one before it has been answered,
  // so a transaction can send its COMMIT behind its last statement (see transaction.ts).
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 10_000, pipeline: true });
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
  // Prisma's default transaction limits (2 s to start, 5 s to finish) cut the largest allowed
  // createShipment (about 1,000 rows) short on a loaded machine, and the client got a 500 for a
  // valid write. The pool's connection timeout still bounds a database that is away.
  const transactionOptions = { maxWait: 10_000, timeout: 30_000 };
  return { db: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions }), pool };
}
