import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_NUMBER } from "../src/couriers/simulator.js";
import { createDb, type Db } from "../src/db/client.js";
import { startDemoFeed } from "../src/demo/feed.js";
import { UNOBSERVED } from "../src/shipments/changes.js";
import { seedDemo } from "../src/demo/seed.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";

describe("demo feed", () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    ({ db } = createDb({ url: database.url }));
    await seedDemo(db);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("starts one new simulated journey once every demo journey has ended, and none while one is under way", async () => {
    const simulated = { tenantId: "demo", shipmentCourier: "simulator" };
    const seeded = await db.shipment.count({ where: simulated });
    expect(seeded).toBe(3);
    const quiet = startDemoFeed(db, pino({ level: "silent" }), UNOBSERVED, 60_000);
    expect(await quiet.tick()).toBeUndefined(); // the seeded journeys are still under way
    quiet.stop();

    await db.shipment.updateMany({ where: simulated, data: { nextTrackAt: null } }); // all delivered
    // A day later: journeys are numbered by their start second, and the seeded ones started just now.
    const feed = startDemoFeed(db, pino({ level: "silent" }), UNOBSERVED, 60_000, () => new Date(Date.now() + 86_400_000));
    expect(await feed.tick()).toBeUndefined(); // the start-up check already began one
    feed.stop();
    const started = await db.shipment.findMany({ where: { ...simulated, nextTrackAt: { not: null } } });
    expect(started).toHaveLength(1);
    expect(started[0]!.shipmentNumber).toBe("DEMO-SIM-4");
    expect(started[0]!.shipmentTrackingNumber).toMatch(SIMULATOR_NUMBER);
    expect(started[0]!.nextTrackAt!.getTime()).toBeLessThanOrEqual(Date.now()); // due for tracking now
  });
});
