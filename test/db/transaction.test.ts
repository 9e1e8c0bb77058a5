/**
 * Transactions whose COMMIT is sent behind their last statement (pipelined): still all or nothing,
 * and the statement's lock is released without waiting for us.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "../../src/db/client.js";
import { inTransaction, inTransactionOpenedBy } from "../../src/db/transaction.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

describe("a transaction that commits early", () => {
  let database: TestDatabase;
  let db: Database;
  const sent: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, onStatement: (text) => sent.push(text) });
    await db.pool.query("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL CHECK (n < 3))");
    await db.pool.query("INSERT INTO counter VALUES (1, 0)");
  });
  afterAll(async () => {
    await db.db.$disconnect();
    await database.drop();
  });

  const value = async () => (await db.pool.query("SELECT n FROM counter WHERE id = 1")).rows[0].n as number;
  const bump = () =>
    inTransaction(db.pool, async (client, commitEarly) => {
      await client.query("INSERT INTO counter VALUES (2, 0) ON CONFLICT (id) DO UPDATE SET n = counter.n + 1");
      const last = client.query("UPDATE counter SET n = n + 1 WHERE id = 1 RETURNING n");
      commitEarly();
      return (await last).rows[0].n as number;
    });

  it("commits what it wrote, COMMIT issued before the last statement was answered", async () => {
    sent.length = 0;
    let answered = false;
    const client = await db.pool.connect();
    try {
      const result = await inTransaction(db.pool, async (tx, commitEarly) => {
        const last = tx.query("UPDATE counter SET n = n + 1 WHERE id = 1 RETURNING n").then((r) => {
          answered = true;
          return r;
        });
        commitEarly();
        // COMMIT is issued while the update's answer is still to come, and a pipelined connection
        // writes it to the socket right away instead of queueing it behind that answer.
        expect({ answered, issued: sent.at(-1), pipelined: (tx as pg.Client).pipeline }).toEqual({
          answered: false,
          issued: "COMMIT",
          pipelined: true,
        });
        return (await last).rows[0].n as number;
      });
      expect(result).toBe(1);
      // Another connection sees it committed.
      expect((await client.query("SELECT n FROM counter WHERE id = 1")).rows[0].n).toBe(1);
    } finally {
      client.release();
    }
  });

  it("rolls everything back when the last statement fails, and says so", async () => {
    expect(await bump()).toBe(2);
    const second = (await db.pool.query("SELECT n FROM counter WHERE id = 2")).rows[0].n as number;
    // n < 3 is violated by the last statement: its COMMIT becomes a rollback, the first write is undone too.
    await expect(bump()).rejects.toThrow(/counter_n_check/);
    expect(await value()).toBe(2);
    expect((await db.pool.query("SELECT n FROM counter WHERE id = 2")).rows[0].n).toBe(second);
    // The connection is reusable afterwards, outside any transaction.
    expect((await db.pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
  });

  it("opened by a lock sent with BEGIN: the lock's rows reach the work, inside the transaction", async () => {
    const before = await value();
    const seen = await inTransactionOpenedBy(
      db.pool,
      async (client) => (await client.query("SELECT n FROM counter WHERE id = 1 FOR UPDATE")).rows[0].n as number,
      async (client, commitEarly, locked) => {
        const status = (await client.query("SELECT now() = statement_timestamp() AS fresh")).rows[0];
        await client.query("UPDATE counter SET n = n - 1 WHERE id = 1");
        commitEarly();
        // Outside a transaction each statement is its own, and now() would be this one's start.
        return { locked, fresh: status.fresh as boolean };
      },
    );
    expect(seen).toEqual({ locked: before, fresh: false });
    expect(await value()).toBe(before - 1);
  });

  it("rolls back when the opening statement fails, and the work never runs", async () => {
    const before = await value();
    let ran = false;
    await expect(
      inTransactionOpenedBy(
        db.pool,
        (client) => client.query("SELECT n FROM no_such_table"),
        async (client) => {
          ran = true;
          await client.query("UPDATE counter SET n = n + 1 WHERE id = 1");
        },
      ),
    ).rejects.toThrow(/no_such_table/);
    expect({ ran, value: await value() }).toEqual({ ran: false, value: before });
  });
});
