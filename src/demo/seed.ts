/** Seeds the demo tenant once, when the database holds no tenant yet. */
import { issueKeys } from "../auth/credentials.js";
import type { Db } from "../db/client.js";
import { createShipment } from "../shipments/create-shipment.js";
import { FABRIC_EXAMPLE, simulatedShipments, SYNC_EXAMPLE, SYNC_EXAMPLE_ID } from "./documents.js";

export const DEMO = {
  tenantId: "demo",
  channelId: 12,
  basic: { keyId: "demo", secret: "demo-secret" },
  bearerToken: "demo-token",
} as const;

export const DEMO_BASIC_AUTHORIZATION = `Basic ${Buffer.from(`${DEMO.basic.keyId}:${DEMO.basic.secret}`).toString("base64")}`;

/** Returns true when it seeded; a database that already has tenants is left alone. */
export async function seedDemo(db: Db): Promise<boolean> {
  if ((await db.tenant.count()) > 0) return false;
  await issueKeys(db, { id: DEMO.tenantId, name: "Demo merchant" }, { ...DEMO.basic, bearerToken: DEMO.bearerToken });
  const viewer = { tenantId: DEMO.tenantId, channelId: DEMO.channelId };
  await createShipment(db, viewer, FABRIC_EXAMPLE);
  await createShipment(db, viewer, SYNC_EXAMPLE, SYNC_EXAMPLE_ID);
  for (const doc of simulatedShipments(new Date())) await createShipment(db, viewer, doc);
  return true;
}
