/**
 * syncShipmentTracking end to end, over real HTTP and graphql-ws, on the simulator courier.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateShipmentDocument, UpdateTrackingDocument, type CreateShipmentInput } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";
import { connect, subscribe } from "./support/subscriptions.js";
import { SYNC, WATCH_SHIPMENT } from "./support/sync-operations.js";

describe("syncShipmentTracking", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  let other: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    other = (await gw.tenant("globex")).basic;
  });
  afterAll(() => gw.close());

  const create = async (input: CreateShipmentInput, headers = auth) =>
    expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, headers)).createShipment.id;
  const sync = (id: string, headers = auth) => gw.graphql(SYNC, { id }, headers);

  it("applies the courier's tracking once, verifies the number and notifies subscribers with source SYNC", async () => {
    const id = await create({
      shipmentNumber: "SIM-OFD",
      shipmentCourier: "simulator",
      shipmentTrackingNumber: "EZ3000000003",
      cartons: [{ trackingNumber: "EZ3000000003", shipmentCarrier: "SIMULATOR" }],
    });
    const client = connect(gw.url, auth);
    const watcher = await subscribe(client, WATCH_SHIPMENT, { id });
    try {
      const first = await sync(id);
      expect(first.status).toBe(200);
      expect(first.body.errors).toBeUndefined();
      const shipment = first.body.data.syncShipmentTracking;
      expect(shipment).toMatchObject({
        id,
        version: 2,
        statusCode: "SHIPMENT_CREATED",
        trackingStatus: "OUT_FOR_DELIVERY",
        trackingSubstatus: "out_for_delivery_001",
        // The scripted journey promises delivery at its sixth step: 2024-01-15T08:00Z + 5 × 6 h.
        expectedDelivery: "2024-01-16T14:00:00.000Z",
        verificationStatus: "VERIFIED",
      });
      expect(shipment.cartons[0].trackingEvents.map((e: { eventId: string }) => e.eventId)).toEqual(
        [1, 2, 3, 4, 5].map((n) => `EZ3000000003-${n}`),
      );
      expect(shipment.cartons[0].trackingEvents.every((e: { source: string }) => e.source === "SYNC")).toBe(true);

      // Nothing new at the courier: no new rows, no version bump, no publication.
      gw.statements.length = 0;
      const again = await sync(id);
      const noopStatements = gw.statements.length;
      expect(again.body.data.syncShipmentTracking).toMatchObject({ version: 2, trackingStatus: "OUT_FOR_DELIVERY" });
      expect(await gw.db.trackingEvent.count({ where: { shipmentId: id } })).toBe(5);
      expect(await gw.db.auditLog.count({ where: { shipmentId: id, trackingSource: "SYNC" } })).toBe(1);
      // Load, lock, cartons, the skipped insert and the re-read, in one short transaction.
      expect(noopStatements).toBeLessThanOrEqual(7);

      // The next change is the next message: the repeated sync published nothing in between.
      expectNoErrors(
        await gw.execute(
          UpdateTrackingDocument,
          {
            input: {
              shipmentNumber: "SIM-OFD",
              trackingNumber: "EZ3000000003",
              tracking: [{ event: "Delivered", eventRecordedAt: "2024-01-16T15:00:00Z" }],
            },
          },
          auth,
        ),
      );
      const [synced, pushed] = await watcher.waitFor(2);
      expect(synced.data.trackingUpdated).toMatchObject({ source: "SYNC", version: 2, previousStatus: null, status: "OUT_FOR_DELIVERY" });
      expect(synced.data.trackingUpdated.events).toHaveLength(5);
      expect(pushed.data.trackingUpdated).toMatchObject({ source: "PUSH", version: 3, status: "DELIVERED" });
    } finally {
      await watcher.close();
      await client.dispose();
    }
  });

  it("creates the carton for a shipment-level tracking number that has none", async () => {
    const id = await create({ shipmentNumber: "SIM-NO-CARTON", shipmentCourier: "simulator", shipmentTrackingNumber: "EZ4000000004" });
    const res = await sync(id);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.syncShipmentTracking).toMatchObject({
      version: 2,
      statusCode: "SHIPMENT_DELIVERED",
      trackingStatus: "DELIVERED",
      trackingSubstatus: "delivered_001",
      cartons: [{ trackingNumber: "EZ4000000004", shipmentCarrier: "SIMULATOR", trackingStatus: "DELIVERED" }],
    });
    expect(res.body.data.syncShipmentTracking.cartons[0].trackingEvents).toHaveLength(6);
  });

  it("detects the courier from the number when the shipment names none", async () => {
    const id = await create({ shipmentNumber: "SIM-DETECTED", cartons: [{ trackingNumber: "EZ2000000002" }] });
    const res = await sync(id);
    expect(res.body.data.syncShipmentTracking).toMatchObject({
      shipmentCourier: null,
      trackingStatus: "IN_TRANSIT",
      verificationStatus: "VERIFIED",
      version: 2,
    });
  });

  it("leaves a number the courier does not know pending, without a new version", async () => {
    const id = await create({ shipmentNumber: "SIM-UNKNOWN", shipmentCourier: "simulator", shipmentTrackingNumber: "EZ7000000007" });
    const res = await sync(id);
    expect(res.body.data.syncShipmentTracking).toMatchObject({
      version: 1,
      verificationStatus: "PENDING",
      trackingStatus: null,
      cartons: [],
    });
  });

  it("answers BAD_USER_INPUT for a number the courier's format rules out, and writes nothing", async () => {
    const id = await create({ shipmentNumber: "SIM-BAD", shipmentCourier: "simulator", shipmentTrackingNumber: "EZ12" });
    const res = await sync(id);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      type: "validation_error",
      details: [{ path: "shipmentTrackingNumber", message: '"EZ12" is not a valid Simulator tracking number' }],
    });
    expect(await gw.db.shipment.findUniqueOrThrow({ where: { id }, select: { version: true } })).toEqual({ version: 1 });
  });

  it("leaves the sync seed's example as it is while UPS has no credentials (no instant verification)", async () => {
    // The seed's own example number fails UPS's check digit; with UPS unconfigured nobody is asked.
    const id = await create({
      shipmentNumber: "SYNC-SEED",
      shipmentCourier: "ups",
      shipmentTrackingNumber: "1Z123E45678901234",
      cartons: [{ trackingNumber: "1Z123E45678901234", shipmentCarrier: "UPS" }],
    });
    const res = await sync(id);
    expect(res.status).toBe(200);
    expect(res.body.data.syncShipmentTracking).toMatchObject({ id, version: 1, verificationStatus: "PENDING", trackingStatus: null });
  });

  it("answers NOT_FOUND for an unknown shipment and for another tenant's", async () => {
    const unknown = await sync("ship_doesnotexist");
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors![0]).toMatchObject({
      message: "Shipment not found",
      extensions: { code: "NOT_FOUND", type: "not_found_error" },
    });

    const theirs = await create(
      { shipmentNumber: "GLOBEX-1", shipmentCourier: "simulator", shipmentTrackingNumber: "EZ5000000005" },
      other,
    );
    const foreign = await sync(theirs);
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors![0]).toMatchObject({ message: "Shipment not found", extensions: { code: "NOT_FOUND" } });
    expect(await gw.db.trackingEvent.count({ where: { shipmentId: theirs } })).toBe(0);
  });
});
