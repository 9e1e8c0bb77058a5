/**
 * Idempotency and order, property-based: however a stream of events arrives — shuffled, with
 * events re-sent — the shipment ends up exactly as if the stream had arrived clean, one request per
 * event: same events, same carton and shipment status, same version.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../src/db/client.js";
import { createShipment } from "../src/shipments/create-shipment.js";
import { chronological } from "../src/tracking/identity.js";
import { TrackingIngestor, type IncomingEvent } from "../src/tracking/ingest.js";
import type { TrackingUpdateMessage } from "../src/tracking/messages.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";

const WORDS = [
  "label created",
  "picked up",
  "arrived at hub",
  "departed facility",
  "out for delivery",
  "delivery attempted",
  "delivered",
  "returned to sender",
  "exception: damaged",
];

const eventArb = fc.record({
  word: fc.constantFrom(...WORDS),
  minute: fc.integer({ min: 0, max: 12 }), // narrow, so scans often share an instant
  withId: fc.boolean(),
  location: fc.constantFrom("Reno, NV", "Chicago, IL", null),
});

describe("ingestion is order- and duplicate-insensitive", () => {
  let database: TestDatabase;
  let db: Db;
  let ingestor: TrackingIngestor;
  const published: TrackingUpdateMessage[] = [];
  let run = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    const opened = createDb({ url: database.url });
    db = opened.db;
    ingestor = new TrackingIngestor(opened.pool, { publish: (m) => void published.push(m) });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  /**
   * Feeds the events one request each to a fresh shipment and returns its final state. Each feed has
   * its own tenant: event ids are unique per tenant and carrier, and both feeds send the same ids.
   */
  async function feed(events: IncomingEvent[]) {
    run += 1;
    const tenantId = `prop-${run}`;
    await db.tenant.create({ data: { id: tenantId, name: tenantId } });
    const trackingNumber = "1ZPROPERTY001";
    const shipmentId = await createShipment(
      db,
      { tenantId, channelId: 12 },
      { shipmentNumber: "P-1", cartons: [{ trackingNumber, shipmentCarrier: "UPS" }] },
    );
    published.length = 0;
    for (const event of events)
      await ingestor.ingest({ tenantId, shipmentId, source: "PUSH", cartons: [{ trackingNumber, events: [event] }] });
    const shipment = await db.shipment.findUniqueOrThrow({
      where: { id: shipmentId },
      include: { cartons: true, trackingEvents: { orderBy: chronological } },
    });
    return {
      version: shipment.version,
      statusCode: shipment.statusCode,
      trackingStatus: shipment.trackingStatus,
      trackingSubstatus: shipment.trackingSubstatus,
      carton: [shipment.cartons[0]!.trackingStatus, shipment.cartons[0]!.trackingSubstatus],
      events: shipment.trackingEvents.map((e) => [e.eventId, e.event, e.eventRecordedAt.toISOString(), e.location, e.status, e.substatus]),
      publications: published.length,
    };
  }

  it("same final events, statuses and version for any permutation with duplicates", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(eventArb, { minLength: 1, maxLength: 8, selector: (e) => `${e.word}@${e.minute}@${e.location}` }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.nat(),
        async (specs, duplicatePicks, seed) => {
          const clean: IncomingEvent[] = specs.map((s, i) => ({
            event: s.word,
            eventId: s.withId ? `ev-${i}-${s.minute}` : null,
            eventRecordedAt: new Date(Date.UTC(2024, 0, 1, 0, s.minute)),
            location: s.location,
          }));
          const noisy = [...clean, ...duplicatePicks.map((p) => ({ ...clean[p % clean.length]! }))];
          // A deterministic shuffle from the seed, so a failure replays exactly.
          let state = seed;
          for (let i = noisy.length - 1; i > 0; i--) {
            state = (state * 1103515245 + 12345) % 2 ** 31;
            const j = state % (i + 1);
            [noisy[i], noisy[j]] = [noisy[j]!, noisy[i]!];
          }
          const expected = await feed(clean);
          const actual = await feed(noisy);
          expect(actual).toEqual(expected);
          expect(actual.version).toBe(1 + clean.length);
          expect(actual.publications).toBe(clean.length);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
