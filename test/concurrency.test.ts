/** Many carrier adapters pushing to one shipment at once: nothing lost, nothing applied twice. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateShipmentDocument, UpdateTrackingDocument } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";

describe("concurrent updateTracking on one shipment", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    const input = { shipmentNumber: "HOT-1", cartons: [{ trackingNumber: "1ZHOT0000001", shipmentCarrier: "UPS" }] };
    expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, auth));
  });
  afterAll(() => gw.close());

  it("50 parallel requests with overlapping events store each distinct event once; version counts the requests that applied something", async () => {
    const POOL = 40;
    const event = (n: number) => ({
      event: n % 3 ? "arrived at hub" : "departed facility",
      eventId: `hot-${n}`,
      eventRecordedAt: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
    });
    // Request i sends events i, i+7 and i+13 (mod POOL): every event is in several requests.
    const requests = Array.from({ length: 50 }, (_, i) => [i, i + 7, i + 13].map((n) => event(n % POOL)));
    const responses = await Promise.all(
      requests.map(async (tracking) =>
        expectNoErrors(
          await gw.execute(UpdateTrackingDocument, { input: { shipmentNumber: "HOT-1", trackingNumber: "1ZHOT0000001", tracking } }, auth),
        ),
      ),
    );
    const applied = responses.flatMap((r) => r.updateTracking.appliedEvents.map((e) => e.eventId));
    const sent = new Set(requests.flat().map((e) => e.eventId));
    expect(new Set(applied).size).toBe(applied.length); // no event applied twice
    expect(new Set(applied)).toEqual(sent); // none lost
    const stored = await gw.db.trackingEvent.findMany({ where: { shipment: { shipmentNumber: "HOT-1" } }, select: { eventId: true } });
    expect(stored).toHaveLength(sent.size);
    const applying = responses.filter((r) => r.updateTracking.appliedEvents.length > 0).length;
    const shipment = await gw.db.shipment.findFirstOrThrow({ where: { shipmentNumber: "HOT-1" } });
    expect(shipment.version).toBe(1 + applying);
    const audits = await gw.db.auditLog.findMany({
      where: { shipmentId: shipment.id, auditType: "TRACKING_UPDATE" },
      orderBy: { version: "asc" },
    });
    expect(audits.map((a) => a.version)).toEqual(Array.from({ length: applying }, (_, i) => i + 2)); // gapless
  }, 60_000);
});
