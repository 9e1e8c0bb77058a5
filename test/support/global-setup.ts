/**
 * One PostgreSQL for the whole run: the server named by TEST_DATABASE_URL (or DATABASE_URL), else
 * embedded PostgreSQL in a temporary directory. A template database is migrated once; each test
 * file clones it (test/support/database.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../src/db/embedded.js";
import { migrate } from "../../src/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let dataDir: string | undefined;
  let stopEmbedded = async () => {};
  let adminUrl: string;
  if (serverUrl) {
    adminUrl = serverUrl;
    console.log(`[tests] PostgreSQL server from ${process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL" : "DATABASE_URL"}`);
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), "gateway-test-pg-"));
    const embedded = await startEmbeddedPostgres(dataDir);
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
    console.log("[tests] no TEST_DATABASE_URL/DATABASE_URL: using embedded PostgreSQL");
  }
  const templateDatabase = `gateway_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await migrate(withDatabase(adminUrl, templateDatabase));
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.end();
    await stopEmbedded();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
