/**
 * `npm run keys -- …`: manage tenants and their credentials in a production database.
 *
 *   npm run keys -- create <tenantId> [--name "Display name"]   new tenant (or extra keys) — prints secrets once
 *   npm run keys -- list <tenantId>                              key ids, kinds, revocation state
 *   npm run keys -- revoke <credentialId>                        revoke one key
 *
 * Needs DATABASE_URL: the embedded database belongs to the running gateway process.
 */
import { parseArgs } from "node:util";
import { createDb } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { issueKeys } from "./credentials.js";

const USAGE = "usage: npm run keys -- create <tenantId> [--name NAME] | list <tenantId> | revoke <credentialId>";

async function run() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
  const [command, subject] = positionals;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required (the embedded database is owned by the running gateway)");
  if (!command || !subject) throw new Error(USAGE);
  await migrate(url);
  const { db } = createDb({ url, maxConnections: 1 });
  try {
    if (command === "create") {
      if (!/^[a-z0-9][a-z0-9_-]{1,62}$/.test(subject)) throw new Error("tenant ids are 2-63 characters of a-z, 0-9, _ and -");
      const keys = await issueKeys(db, { id: subject, name: values.name });
      console.log(JSON.stringify({ ...keys, note: "Secrets are shown once; only their scrypt hashes are stored." }, null, 2));
    } else if (command === "list") {
      const rows = await db.apiCredential.findMany({ where: { tenantId: subject }, orderBy: { createdAt: "asc" } });
      console.table(rows.map(({ id, kind, keyId, createdAt, revokedAt }) => ({ id, kind, keyId, createdAt, revokedAt })));
    } else if (command === "revoke") {
      const { count } = await db.apiCredential.updateMany({ where: { id: subject, revokedAt: null }, data: { revokedAt: new Date() } });
      console.log(count ? `revoked ${subject}` : `no active credential ${subject}`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await db.$disconnect();
  }
}

run().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
