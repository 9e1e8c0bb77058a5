// Prisma CLI configuration (generate, migrate diff/deploy/status for developers). The gateway itself
// applies migrations in-process (src/db/migrate.ts); this file is for the CLI only.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// prisma/orm#27403: the WASM schema engine cannot decode PostgreSQL's `name` type (OID 19) read from
// pg_catalog. Reporting it as `text` (OID 25) is exact for its values and unblocks migrate deploy/status.
const NAME_OID = 19;
const TEXT_OID = 25;
function relabelNameColumns<T>(result: T): T {
  for (const r of ([] as unknown[]).concat(result)) {
    for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) {
      if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === "function") {
    args[last] = (err: Error, res: unknown) => callback(err, err ? res : relabelNameColumns(res));
    return query.apply(this, args);
  }
  const out = query.apply(this, args);
  return out instanceof Promise ? out.then(relabelNameColumns) : out;
} as typeof pg.Client.prototype.query;

// schema.prisma reads DATABASE_URL; generate never connects, so any well-formed URL lets it run offline
// (an unset variable makes the CLI fall back to downloading a query engine).
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

function connection() {
  const url = new URL(process.env.DATABASE_URL!);
  // Discrete fields, not a connectionString: pg would let the URL override the shadow database name.
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || "postgres"),
    password: decodeURIComponent(url.password) || undefined,
    database: url.pathname.slice(1) || "postgres",
  };
}

export default defineConfig({
  schema: "../prisma/schema.prisma",
  migrations: { path: "../prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg(connection()),
});
