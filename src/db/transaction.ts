/** Transactions for hand-written SQL; Prisma's own (`db.$transaction`) are separate. */
import type pg from "pg";

/**
 * Sends COMMIT right behind the statements already sent, without waiting for their answers: on a
 * pipelined connection (see client.ts) the locks they take are released as soon as PostgreSQL has
 * run them, not a round trip to us later. Nothing may be sent after it. Should one of those
 * statements fail, PostgreSQL turns the COMMIT into a rollback, and the transaction fails.
 */
export type CommitEarly = () => void;

export type Work<T, Opening = void> = (client: pg.ClientBase, commitEarly: CommitEarly, opening: Opening) => Promise<T>;

/** Runs `work` in a transaction on `client`: committed if it returns, rolled back if it throws. */
export function transaction<T>(client: pg.ClientBase, work: Work<T>): Promise<T> {
  return run(client, client.query("BEGIN"), work, undefined);
}

/** `transaction` on one connection of the pool, released afterwards. */
export function inTransaction<T>(pool: pg.Pool, work: Work<T>): Promise<T> {
  return onConnection(pool, (client) => transaction(client, work));
}

/**
 * `inTransaction` whose first statement, `open`, goes out together with BEGIN rather than a round
 * trip after it, and whose answer `work` gets once BEGIN has succeeded. `open` must be a statement
 * that may run on its own (a read, a lock): should BEGIN fail, it has run outside any transaction.
 */
export function inTransactionOpenedBy<T, Opening>(
  pool: pg.Pool,
  open: (client: pg.ClientBase) => Promise<Opening>,
  work: Work<T, Opening>,
): Promise<T> {
  return onConnection(pool, (client) => {
    const begun = client.query("BEGIN");
    const opening = open(client);
    // Awaited by `run` only once BEGIN succeeded; its failure before that is BEGIN's to report.
    opening.catch(() => undefined);
    return run(client, begun, work, opening);
  });
}

/** `use` with one connection of the pool, released afterwards. */
async function onConnection<T>(pool: pg.Pool, use: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await use(client);
  } finally {
    client.release();
  }
}

async function run<T, Opening>(
  client: pg.ClientBase,
  begun: Promise<unknown>,
  work: Work<T, Opening>,
  opening: Opening | Promise<Opening>,
): Promise<T> {
  let commit: Promise<pg.QueryResult> | undefined;
  const commitNow = () => {
    commit ??= client.query("COMMIT");
    return commit;
  };
  try {
    await begun;
    const result = await work(client, () => void commitNow().catch(() => undefined), await opening);
    // A COMMIT in an aborted transaction answers ROLLBACK rather than an error.
    if ((await commitNow()).command !== "COMMIT") throw new Error("Transaction rolled back");
    return result;
  } catch (error) {
    // The connection may be the thing that failed; the error worth reporting is the first one.
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
