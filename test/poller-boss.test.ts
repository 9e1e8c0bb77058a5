/**
 * Two started pollers — two gateway instances' background tracking — sharing one database through
 * pg-boss: round jobs get scheduled and worked, every due shipment is polled, none twice, and both
 * stop cleanly.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

// A long backoff: within the test, a shipment polled twice could only be a double poll.
const SETTINGS: PollerSettings = { intervalSeconds: 1, budget: 100, backoffSeconds: 3_600, expiryDays: 30 };

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("background tracking with pg-boss on two instances", () => {
  let gw: TestGateway;
  let second: Database;
  const asked: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ couriers: recordingRegistry(createCourierRegistry(parseCourierSettings({}).settings), asked) });
    second = createDb({ url: gw.databaseUrl });
  });
  afterAll(async () => {
    await second.db.$disconnect();
    await gw.close();
  });

  it("polls every due shipment exactly once", async () => {
    const auth = (await gw.tenant("acme")).basic;
    const numbers = Array.from({ length: 20 }, (_, i) => simulatorTrackingNumber(new Date(Date.now() - 1_000 * (i + 1))));
    for (const [i, trackingNumber] of numbers.entries()) {
      const input = {
        shipmentNumber: `BOSS-${i}`,
        shipmentCourier: "simulator",
        shipmentTrackingNumber: trackingNumber,
        cartons: [{ trackingNumber }],
      };
      expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, auth));
    }
    const logger = pino({ level: "silent" });
    const secondSync = new ShipmentSync(second.db, gw.services.couriers, new TrackingIngestor(second.pool, gw.services.pubsub));
    const pollers = [
      new TrackingPoller({ databaseUrl: gw.databaseUrl, pool: gw.pool, sync: gw.services.sync, logger }, SETTINGS),
      new TrackingPoller({ databaseUrl: gw.databaseUrl, pool: second.pool, sync: secondSync, logger }, SETTINGS),
    ];
    await Promise.all(pollers.map((p) => p.start()));
    try {
      await until(async () => (await gw.db.shipment.count({ where: { lastTrackedAt: null } })) === 0);
      // Two more interval slots in which a double poll would show.
      await new Promise((resolve) => setTimeout(resolve, 2_200));
    } finally {
      await Promise.all(pollers.map((p) => p.stop()));
    }
    expect(asked).toHaveLength(20);
    expect([...timesAsked(asked).keys()].sort()).toEqual([...numbers].sort());
    const rounds = await gw.db.$queryRaw<{ state: string; count: bigint }[]>`
      SELECT state, count(*) FROM pgboss.job WHERE name = 'tracking-poll-round' GROUP BY state`;
    expect(rounds.find((r) => r.state === "completed")?.count).toBeGreaterThan(0n);
    expect(rounds.filter((r) => r.state === "failed")).toEqual([]);
  });
});
