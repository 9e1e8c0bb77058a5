/**
 * Background tracking rounds on a real database, with the simulator courier and a clock the test
 * sets: what is claimed, what is asked, when a shipment is polled next, and when tracking stops.
 */
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCourierSettings } from "../src/couriers/config.js";
import { createCourierRegistry } from "../src/couriers/registry.js";
import { simulatorTrackingNumber } from "../src/couriers/simulator.js";
import { createDb, type Database } from "../src/db/client.js";
import { TrackingIngestor } from "../src/tracking/ingest.js";
import { TrackingPoller, type PollerSettings } from "../src/tracking/poller.js";
import { ShipmentSync } from "../src/tracking/sync.js";
import { recordingRegistry, timesAsked } from "./support/couriers.js";
import { CreateShipmentDocument } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";
import { connect, subscribe } from "./support/subscriptions.js";
import { WATCH_SHIPMENT } from "./support/sync-operations.js";

const SETTINGS: PollerSettings = { intervalSeconds: 1, budget: 100, backoffSeconds: 60, expiryDays: 30 };
const DAY_MS = 86_400_000;

describe("background tracking rounds", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  let second: Database;
  const asked: string[] = [];
  // Ahead of the real clock, so shipments created by the test are already due.
  let clock = new Date(Date.now() + 60_000);
  const now = () => clock;

  beforeAll(async () => {
    const couriers = recordingRegistry(createCourierRegistry(parseCourierSettings({}).settings, { now }), asked);
    gw = await startTestGateway({ couriers });
    auth = (await gw.tenant("acme")).basic;
    second = createDb({ url: gw.databaseUrl });
  });
  afterAll(async () => {
    await second.db.$disconnect();
    await gw.close();
  });
  // Each test polls only the shipments it creates.
  beforeEach(async () => {
    await gw.db.$executeRaw`UPDATE "Shipment" SET "nextTrackAt" = NULL`;
    asked.length = 0;
  });

  const logger = pino({ level: "silent" });
  /** A poller on this gateway instance. */
  const poller = (settings: Partial<PollerSettings> = {}) =>
    new TrackingPoller({ databaseUrl: gw.databaseUrl, pool: gw.pool, sync: gw.services.sync, logger, now }, { ...SETTINGS, ...settings });
  /** A poller on a second instance: its own connections, ingestor and sync, on the same database. */
  const secondInstancePoller = () => {
    const tracking = new TrackingIngestor(second.pool, gw.services.pubsub);
    const sync = new ShipmentSync(second.db, gw.services.couriers, tracking);
    return new TrackingPoller({ databaseUrl: gw.databaseUrl, pool: second.pool, sync, logger, now }, SETTINGS);
  };
  const create = async (shipmentNumber: string, trackingNumber: string) => {
    const input = {
      shipmentNumber,
      shipmentCourier: "simulator",
      shipmentTrackingNumber: trackingNumber,
      cartons: [{ trackingNumber, shipmentCarrier: "SIMULATOR" }],
    };
    return expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, auth)).createShipment.id;
  };
  const shipment = (id: string) => gw.db.shipment.findUniqueOrThrow({ where: { id }, include: { trackingEvents: true } });

  it("polls each due shipment once per round with two pollers on one database", async () => {
    const numbers = Array.from({ length: 40 }, (_, i) => simulatorTrackingNumber(new Date(clock.getTime() - 1_000 * (i + 1))));
    const ids = await Promise.all(numbers.map((number, i) => create(`TWO-POLLERS-${i}`, number)));
    const [a, b] = [poller(), secondInstancePoller()];

    const first = await Promise.all([a.round(), b.round()]);
    expect(first[0].claimed + first[1].claimed).toBe(40);
    expect(first[0].changed + first[1].changed).toBe(40);
    expect(asked).toHaveLength(40);
    expect([...timesAsked(asked).values()].every((times) => times === 1)).toBe(true);
    for (const id of ids) {
      expect(await shipment(id)).toMatchObject({
        version: 2,
        trackingStatus: "INFO_RECEIVED",
        lastTrackedAt: clock,
        nextTrackAt: new Date(clock.getTime() + 60_000),
      });
    }

    // Not due again until the backoff has passed.
    expect((await Promise.all([a.round(), b.round()])).map((r) => r.claimed)).toEqual([0, 0]);
    clock = new Date(clock.getTime() + 60_000);
    const second = await Promise.all([a.round(), b.round()]);
    expect(second[0].claimed + second[1].claimed).toBe(40);
    expect([...timesAsked(asked).values()].every((times) => times === 2)).toBe(true);
  });

  it("stays within the courier budget, most overdue first", async () => {
    const ids: string[] = [];
    for (const [i, number] of ["EZ1000000001", "EZ2000000002", "EZ3000000003"].entries()) {
      const id = await create(`BUDGET-${i}`, number);
      await gw.db.$executeRaw`UPDATE "Shipment" SET "nextTrackAt" = ${new Date(clock.getTime() - (3 - i) * 1_000)} WHERE id = ${id}`;
      ids.push(id);
    }
    const limited = poller({ budget: 2 });
    expect(await limited.round()).toMatchObject({ claimed: 2, changed: 2 });
    expect([...asked].sort()).toEqual(["EZ1000000001", "EZ2000000002"]);
    expect(await limited.round()).toMatchObject({ claimed: 1 });
    expect(asked[2]).toBe("EZ3000000003");
  });

  it("stops tracking once delivered, notifying subscribers with source POLL", async () => {
    const id = await create("POLL-DELIVERED", "EZ4000000004");
    const client = connect(gw.url, auth);
    const watcher = await subscribe(client, WATCH_SHIPMENT, { id });
    try {
      expect(await poller().round()).toMatchObject({ claimed: 1, stopped: 1 });
      const [update] = await watcher.waitFor(1);
      expect(update.data.trackingUpdated).toMatchObject({ source: "POLL", version: 2, previousStatus: null, status: "DELIVERED" });
      expect(await shipment(id)).toMatchObject({
        trackingStatus: "DELIVERED",
        statusCode: "SHIPMENT_DELIVERED",
        verificationStatus: "VERIFIED",
        nextTrackAt: null,
      });

      clock = new Date(clock.getTime() + 7 * DAY_MS);
      expect(await poller().round()).toMatchObject({ claimed: 0 });
    } finally {
      await watcher.close();
      await client.dispose();
    }
  });

  it("backs off as a shipment ages", async () => {
    const id = await create("POLL-OLD", "EZ6000000006");
    await gw.db.shipment.update({ where: { id }, data: { createdAt: new Date(clock.getTime() - 3 * DAY_MS - 1_000) } });
    await poller().round();
    // Three days old: the one-minute delay doubled three times.
    expect((await shipment(id)).nextTrackAt).toEqual(new Date(clock.getTime() + 8 * 60_000));
  });

  it("marks a shipment EXPIRED after the expiry days without news, and stops tracking it", async () => {
    const stale = await create("POLL-STALE", "EZ7000000007");
    await gw.db.shipment.update({ where: { id: stale }, data: { createdAt: new Date(clock.getTime() - 31 * DAY_MS) } });
    const recent = await create("POLL-RECENT", simulatorTrackingNumber(clock));
    await gw.db.shipment.update({ where: { id: recent }, data: { createdAt: new Date(clock.getTime() - 31 * DAY_MS) } });

    // The recent one has news (its first events arrive in this round); the stale one has none.
    expect(await poller().round()).toMatchObject({ claimed: 2, expired: 1, changed: 1 });
    const expired = await shipment(stale);
    expect(expired).toMatchObject({
      version: 2,
      trackingStatus: "EXPIRED",
      trackingSubstatus: "expired_001",
      nextTrackAt: null,
      verificationStatus: "PENDING",
    });
    expect(expired.trackingEvents).toMatchObject([
      { event: "No tracking updates for 30 days; tracking stopped", status: "EXPIRED", source: "POLL" },
    ]);
    expect(await shipment(recent)).toMatchObject({ trackingStatus: "INFO_RECEIVED", nextTrackAt: new Date(clock.getTime() + DAY_MS) });
  });

  it("stops polling a shipment whose number its courier's format rules out", async () => {
    const id = await create("POLL-INVALID", "EZ12");
    expect(await poller().round()).toMatchObject({ claimed: 1, stopped: 1 });
    expect(await shipment(id)).toMatchObject({ version: 1, nextTrackAt: null, lastTrackedAt: clock });
    expect(asked).toEqual([]);
  });
});
