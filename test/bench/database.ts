/**
 * The bench's own PostgreSQL database: on the server named by BENCH_DATABASE_URL or DATABASE_URL,
 * else on 127.0.0.1:5432 when something answers there, else on embedded PostgreSQL in a temporary
 * directory. It is created and migrated here and dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/db/embedded.js";
import { migrate } from "../../src/db/migrate.js";

export interface BenchDatabase {
  url: string;
  /** Where it came from and the server's version, for the report. */
  source: string;
  version: string;
  drop(): Promise<void>;
}

const LOCAL = "postgres://postgres@127.0.0.1:5432/postgres";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  let source = process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "DATABASE_URL";
  let stopEmbedded = async () => {};
  if (!adminUrl && (await answers(LOCAL))) [adminUrl, source] = [LOCAL, "PostgreSQL on 127.0.0.1:5432"];
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), "gateway-bench-pg-"));
    const embedded = await startEmbeddedPostgres(dir);
    [adminUrl, source] = [embedded.url, "embedded PostgreSQL (no BENCH_DATABASE_URL/DATABASE_URL, nothing on 127.0.0.1:5432)"];
    stopEmbedded = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const name = `gateway_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  await migrate(url);
  return {
    url,
    source,
    version,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await stopEmbedded();
    },
  };
}
