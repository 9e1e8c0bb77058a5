/**
 * The bench's data, written through the product's own createShipment so rows look exactly like
 * production's: a tenant for reads (nested, overhead), one per ingest target (so the gateway's and
 * the reference's writes can be checked apart), one for fanout and one for cross-instance.
 */
import { randomBytes } from "node:crypto";
import { issueKeys } from "../../src/auth/credentials.js";
import { createDb, type Db } from "../../src/db/client.js";
import type { CartonInput, ShipmentDocument } from "../../src/shipments/document.js";
import { createShipment } from "../../src/shipments/create-shipment.js";
import { INGEST_SHIPMENTS, ingestShipment, seedEvents } from "./ingest-traffic.js";

export interface BenchTenant {
  id: string;
  /** `Basic …` header value. */
  authorization: string;
}

export interface Seeded {
  nested: BenchTenant;
  ingestGateway: BenchTenant;
  ingestReference: BenchTenant;
  fanout: BenchTenant & { shipmentNumber: string; trackingNumber: string };
  /** Unique per run: its pub/sub topic lives on a Redis that other runs may share. */
  cross: BenchTenant & { shipmentNumber: string; trackingNumber: string };
}

export const NESTED_SHIPMENTS = 60;
const CARTONS = 2;
const ITEMS = 2;
const EVENTS = 14; // more than the 10 the nested query asks for, so `last: 10` has to cut
const WORDS = ["label created", "picked up", "arrived at sort facility", "departed facility", "in transit", "out for delivery"];

async function tenant(db: Db, id: string): Promise<BenchTenant> {
  const keys = await issueKeys(db, { id });
  return { id, authorization: `Basic ${Buffer.from(`${keys.basic.keyId}:${keys.basic.secret}`).toString("base64")}` };
}

function nestedCarton(s: number, c: number): CartonInput {
  const start = Date.parse("2025-02-01T00:00:00.000Z") + s * 3_600_000;
  return {
    trackingNumber: `1ZBENCHNS${s}C${c}`,
    shipmentCarrier: "UPS",
    items: Array.from({ length: ITEMS }, (_, i) => ({ sku: `SKU-${s}-${c}-${i}`, shippedQuantity: i + 1 })),
    tracking: Array.from({ length: EVENTS }, (_, e) => ({
      event: WORDS[Math.min(e, WORDS.length - 2) % WORDS.length]!,
      eventId: `NS${s}C${c}E${e}`,
      eventRecordedAt: new Date(start + e * 600_000),
      location: e % 3 === 0 ? null : "Louisville, KY",
      shipmentCarrier: "UPS",
    })),
  };
}

/** Runs `make(i)` for i < count, a few at a time (each is a transaction of its own). */
async function times(count: number, make: (i: number) => Promise<unknown>) {
  for (let i = 0; i < count; i += 10) await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, k) => make(i + k)));
}

async function singleShipment(db: Db, id: string, shipmentNumber: string, trackingNumber: string) {
  const t = await tenant(db, id);
  await createShipment(
    db,
    { tenantId: id, channelId: 12 },
    { shipmentNumber, shipmentCourier: "ups", cartons: [{ trackingNumber, shipmentCarrier: "UPS" }] },
  );
  return { ...t, shipmentNumber, trackingNumber };
}

export async function seed(url: string): Promise<Seeded> {
  const { db } = createDb({ url, maxConnections: 10 });
  try {
    const nested = await tenant(db, "bench-nested");
    await times(NESTED_SHIPMENTS, (s) => {
      const doc: ShipmentDocument = {
        shipmentNumber: `NS${s}`,
        shipmentCourier: "ups",
        cartons: Array.from({ length: CARTONS }, (_, c) => nestedCarton(s, c)),
      };
      return createShipment(db, { tenantId: nested.id, channelId: 12 }, doc);
    });
    const ingest = async (id: string) => {
      const t = await tenant(db, id);
      await times(INGEST_SHIPMENTS, (i) => {
        const { shipmentNumber, trackingNumber } = ingestShipment(i);
        const tracking = seedEvents(i).map((e) => ({ ...e, eventRecordedAt: new Date(e.eventRecordedAt) }));
        return createShipment(
          db,
          { tenantId: id, channelId: 12 },
          { shipmentNumber, shipmentCourier: "ups", cartons: [{ trackingNumber, shipmentCarrier: "UPS", tracking }] },
        );
      });
      return t;
    };
    return {
      nested,
      ingestGateway: await ingest("bench-ingest-gateway"),
      ingestReference: await ingest("bench-ingest-reference"),
      fanout: await singleShipment(db, "bench-fanout", "FANOUT1", "1ZBENCHFANOUT1"),
      cross: await singleShipment(db, `bench-cross-${randomBytes(4).toString("hex")}`, "CROSS1", "1ZBENCHCROSS1"),
    };
  } finally {
    await db.$disconnect();
  }
}
