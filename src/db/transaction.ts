/** Transactions for hand-written SQL; Prisma's own (`db.$transaction`) are separate. */
import type pg from "pg";

/**
 * Sends COMMIT right behind the statements already sent, without waiting for their answers: on a
 * pipelined connection (see client.ts) the locks they take are released as soon as PostgreSQL has
 * run them, not a round trip to us later. Nothing may be sent after it. Should one of those
 * statements fail, PostgreSQL turns the COMMIT into a rollback, and the transaction fails.
 */
export type CommitEarly = () => void;

/** Runs `work` in a transaction on `client`: committed if it returns, rolled back if it throws. */
export async function transaction<T>(
  client: pg.ClientBase,
  work: (client: pg.ClientBase, commitEarly: CommitEarly) => Promise<T>,
): Promise<T> {
  await client.query("BEGIN");
  let commit: Promise<pg.QueryResult> | undefined;
  const commitNow = () => {
    commit ??= client.query("COMMIT");
    return commit;
  };
  try {
    const result = await work(client, () => void commitNow().catch(() => undefined));
    // A COMMIT in an aborted transaction answers ROLLBACK rather than an error.
    if ((await commitNow()).command !== "COMMIT") throw new Error("Transaction rolled back");
    return result;
  } catch (error) {
    // The connection may be the thing that failed; the error worth reporting is the first one.
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** `transaction` on one connection of the pool, released afterwards. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.ClientBase, commitEarly: CommitEarly) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await transaction(client, work);
  } finally {
    client.release();
  }
}
