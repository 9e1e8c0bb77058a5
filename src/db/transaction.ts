/** Transactions for hand-written SQL; Prisma's own (`db.$transaction`) are separate. */
import type pg from "pg";

/** Runs `work` in a transaction on `client`: committed if it returns, rolled back if it throws. */
export async function transaction<T>(client: pg.ClientBase, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // The connection may be the thing that failed; the error worth reporting is the first one.
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** `transaction` on one connection of the pool, released afterwards. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await transaction(client, work);
  } finally {
    client.release();
  }
}
