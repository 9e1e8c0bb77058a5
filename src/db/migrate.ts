/**
 * Applies `prisma/migrations` in-process: what `prisma migrate deploy` does, recorded in the same
 * `_prisma_migrations` table (same checksums), so the Prisma CLI's `migrate status` agrees with us.
 * Doing it here keeps start-up fast and free of a CLI child process.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { instant, nullable, rowOf, text } from "./rows.js";
import { execute, query, sql, type Queryable } from "./sql.js";
import { transaction } from "./transaction.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));
// Prisma's own advisory lock key, so our runner and the CLI never migrate at the same time.
const MIGRATION_LOCK = 72707369;

const readRecorded = rowOf({ migration_name: text, checksum: text, finished_at: nullable(instant) });
const readApplied = rowOf({ migration_name: text });

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${dir}${name}/migration.sql`, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Applies pending migrations; returns the names applied. Safe to run from several instances at once. */
export async function migrate(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  // A dropped connection also fails the statement in flight, which is what reports it.
  client.on("error", () => {});
  await client.connect();
  try {
    await execute(client, sql`/* lockMigrations */ SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await execute(
      client,
      sql`/* createMigrationsTable */ CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
    );
    const rows = await query(
      client,
      sql`/* recordedMigrations */ SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      readRecorded,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const migration of await listMigrations()) {
      const previous = done.get(migration.name);
      if (previous?.finished_at) continue;
      if (previous) throw new Error(`Migration ${migration.name} failed earlier; resolve it with \`prisma migrate resolve\``);
      const id = randomUUID();
      await execute(
        client,
        sql`/* startMigration */ INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
         VALUES (${id}, ${migration.checksum}, ${migration.name}, now())`,
      );
      try {
        await transaction(client, async () => {
          // The migration file's own SQL, as Prisma wrote it.
          await client.query(migration.sql);
          await execute(
            client,
            sql`/* finishMigration */ UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = ${id}`,
          );
        });
      } catch (error) {
        await execute(client, sql`/* failMigration */ UPDATE "_prisma_migrations" SET logs = ${String(error)} WHERE id = ${id}`);
        throw error;
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await execute(client, sql`/* unlockMigrations */ SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await client.end();
  }
}

/** For /readyz: the database answers and every migration on disk is applied. */
export async function pendingMigrations(pool: Queryable): Promise<string[]> {
  const rows = await query(
    pool,
    sql`/* appliedMigrations */ SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    readApplied,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return (await listMigrations()).map((m) => m.name).filter((name) => !applied.has(name));
}
