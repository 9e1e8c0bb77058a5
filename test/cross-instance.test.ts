/**
 * Two gateway instances on one PostgreSQL and one Redis: a change made through A reaches a
 * subscriber connected to B. Needs Redis: runs when REDIS_URL is set (.ci/run sets it).
 */
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { createDb, type Database } from "../src/db/client.js";
import { topicOf } from "../src/tracking/messages.js";
import { CreateShipmentDocument, UpdateTrackingDocument } from "./generated/graphql.js";
import { expectNoErrors, redisPair, startTestGateway, type TestGateway } from "./support/gateway.js";
import { connect, subscribe } from "./support/subscriptions.js";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.warn("[cross-instance] skipped: REDIS_URL is not set, so there is no Redis to share events through");

describe.skipIf(!REDIS_URL)("two instances sharing PostgreSQL and Redis", () => {
  let a: TestGateway;
  let b: App;
  let bDb: Database;
  let bRedis: ReturnType<typeof redisPair>;
  let bUrl: string;
  beforeAll(async () => {
    a = await startTestGateway({ redisUrl: REDIS_URL });
    bDb = createDb({ url: a.databaseUrl });
    bRedis = redisPair(REDIS_URL!);
    b = createApp({
      ...bDb,
      redis: bRedis,
      logger: pino({ level: "silent" }),
      rateLimit: { points: 1000, durationSeconds: 60 },
      production: false,
    });
    bUrl = `http://127.0.0.1:${await b.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    await b.close();
    bRedis.publish.disconnect();
    bRedis.subscribe.disconnect();
    await bDb.db.$disconnect();
    await a.close();
  });

  it("a mutation on A reaches a subscriber on B, and not a subscriber of another tenant", async () => {
    // Tenants of this run only: the Redis server may be shared with other runs.
    const run = randomUUID().slice(0, 8);
    const acme = await a.tenant(`acme-${run}`);
    const globex = await a.tenant(`globex-${run}`);
    expectNoErrors(
      await a.execute(
        CreateShipmentDocument,
        { input: { shipmentNumber: "X-1", cartons: [{ trackingNumber: "1ZCROSS00001" }] } },
        acme.basic,
      ),
    );
    const query = "subscription { trackingUpdated { version source shipment { shipmentNumber } events { event } } }";
    const onB = await subscribe(connect(bUrl, acme.basic), query);
    const otherOnB = await subscribe(connect(bUrl, globex.basic), query);
    // B is live once its Redis connection listens on both tenants' topics; publishing before that
    // would test nothing.
    const listening = async (tenantId: string) => (await bRedis.publish.pubsub("NUMSUB", topicOf({ tenantId })))[1];
    await expect.poll(() => listening(`acme-${run}`), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => listening(`globex-${run}`), { timeout: 10_000 }).toBe(1);
    const input = {
      shipmentNumber: "X-1",
      trackingNumber: "1ZCROSS00001",
      tracking: [{ event: "picked up", eventRecordedAt: "2024-01-01T00:00:00Z" }],
    };
    expectNoErrors(await a.execute(UpdateTrackingDocument, { input }, acme.basic));
    const [update] = await onB.waitFor(1);
    expect(update.data.trackingUpdated).toEqual({
      version: 2,
      source: "PUSH",
      shipment: { shipmentNumber: "X-1" },
      events: [{ event: "picked up" }],
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(otherOnB.received).toEqual([]);
    await Promise.all([onB.close(), otherOnB.close()]);
  });
});
