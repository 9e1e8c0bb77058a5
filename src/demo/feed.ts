/**
 * Keeps the demo moving: whenever none of the demo tenant's simulator shipments is still on its way,
 * a new one starts its journey, which background tracking then follows step by step. So a
 * `trackingUpdated` subscription in GraphiQL ticks whenever someone looks, not only in the first
 * minutes after the demo was seeded.
 */
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { ShipmentChanges } from "../shipments/changes.js";
import { createShipment } from "../shipments/create-shipment.js";
import { simulatedShipment } from "./documents.js";
import { DEMO } from "./seed.js";

export interface DemoFeed {
  /** Starts a new journey if none is under way; returns the new shipment's id, if any. */
  tick(): Promise<string | undefined>;
  stop(): void;
}

export function startDemoFeed(db: Db, logger: Logger, changes: ShipmentChanges, checkEveryMs = 30_000, now = () => new Date()): DemoFeed {
  const simulated = { tenantId: DEMO.tenantId, shipmentCourier: "simulator" };
  const startIfIdle = async () => {
    // nextTrackAt is cleared when tracking stops (delivered, returned, expired).
    if (await db.shipment.count({ where: { ...simulated, nextTrackAt: { not: null } } })) return undefined;
    const n = (await db.shipment.count({ where: simulated })) + 1;
    const id = await createShipment(db, DEMO, simulatedShipment(n, now()));
    await changes.committed({ tenantId: DEMO.tenantId, rowIds: [id] });
    logger.info({ shipmentId: id }, "demo: a new simulated shipment is on its way");
    return id;
  };
  // One check at a time, so two checks never both see "idle" and start two journeys.
  let last: Promise<unknown> = Promise.resolve();
  const tick = () => {
    const next = last.then(startIfIdle);
    last = next.catch(() => undefined);
    return next;
  };
  const run = () => void tick().catch((err) => logger.warn({ err }, "demo feed"));
  const timer = setInterval(run, checkEveryMs);
  timer.unref();
  run();
  return { tick, stop: () => clearInterval(timer) };
}
