/**
 * Two gateway instances on one PostgreSQL and one Redis: a change made through A reaches a
 * subscriber connected to B. Needs Redis: runs when REDIS_URL is set (.ci/run sets it).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicOf } from "../src/tracking/messages.js";
import { CreateShipmentDocument, UpdateTrackingDocument } from "./generated/graphql.js";
import { expectNoErrors, startSecondInstance, startTestGateway, type SecondInstance, type TestGateway } from "./support/gateway.js";
import { connect, subscribe } from "./support/subscriptions.js";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.warn("[cross-instance] skipped: REDIS_URL is not set, so there is no Redis to share events through");

describe.skipIf(!REDIS_URL)("two instances sharing PostgreSQL and Redis", () => {
  let a: TestGateway;
  let b: SecondInstance;
  beforeAll(async () => {
    a = await startTestGateway({ redisUrl: REDIS_URL });
    b = await startSecondInstance(a, REDIS_URL!);
  });
  afterAll(async () => {
    await b.close();
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
    const onB = await subscribe(connect(b.url, acme.basic), query);
    const otherOnB = await subscribe(connect(b.url, globex.basic), query);
    // B is live once its Redis connection listens on both tenants' topics; publishing before that
    // would test nothing.
    const listening = async (tenantId: string) => (await b.redis.publish.pubsub("NUMSUB", topicOf({ tenantId })))[1];
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
