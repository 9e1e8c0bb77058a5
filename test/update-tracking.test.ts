import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FABRIC_REQUEST, FABRIC_RESPONSE, mismatches, seedShipmentInput, SHIPMENT_DOCUMENT } from "./support/documents.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const UPDATE_TRACKING = `mutation ($input: UpdateTrackingInput!) {
  updateTracking(input: $input) {
    shipments { ...ShipmentDocument }
    appliedEvents { id eventId event eventRecordedAt location notes { description } shipmentCarrier status substatus source trackingNumber }
    duplicateEventIds
  }
} ${SHIPMENT_DOCUMENT}`;

const CREATE = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id version } }";

describe("updateTracking", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).bearer;
  });
  afterAll(() => gw.close());

  const create = async (overrides: Record<string, unknown>) => {
    const res = await gw.graphql(CREATE, { input: seedShipmentInput(overrides) }, auth);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.createShipment as { id: string; version: number };
  };

  it("applies fabric's example request and answers with the seed's document shape", async () => {
    // The seed's document as it stood before the request: without the event the request brings.
    const before = seedShipmentInput();
    before.cartons[0].tracking = [];
    await gw.graphql(CREATE, { input: before }, auth);

    const res = await gw.graphql(UPDATE_TRACKING, { input: FABRIC_REQUEST }, auth);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const { shipments, appliedEvents, duplicateEventIds } = res.body.data.updateTracking;
    expect(duplicateEventIds).toEqual([]);
    expect(appliedEvents).toEqual([
      {
        id: expect.stringMatching(/^evt_/),
        eventId: "627963716b19511e8a3a631b",
        event: "picked up",
        eventRecordedAt: "2019-09-30T07:58:30.996Z",
        location: "Reno, NV",
        notes: { description: "Shipment picked up" },
        shipmentCarrier: "FEDEX",
        status: "IN_TRANSIT",
        substatus: "in_transit_002",
        source: "PUSH",
        trackingNumber: "1Z999AA10123456784",
      },
    ]);
    // The seed's response document, field for field — statusCode and audit log included: a scan on
    // the way moves neither (fabric's example stays SHIPMENT_CREATED) — but for the timestamps.
    const { createdAt: _c, updatedAt: _u, ...expected } = FABRIC_RESPONSE.shipments[0];
    expect(mismatches(expected, shipments[0])).toEqual([]);
    expect(shipments[0]).toMatchObject({ version: 2, statusCode: "SHIPMENT_CREATED", trackingStatus: "IN_TRANSIT" });
  });

  it("is a no-op for a re-sent event: no new row, no version bump", async () => {
    const res = await gw.graphql(UPDATE_TRACKING, { input: FABRIC_REQUEST }, auth);
    expect(res.body.data.updateTracking.appliedEvents).toEqual([]);
    expect(res.body.data.updateTracking.duplicateEventIds).toEqual(["627963716b19511e8a3a631b"]);
    expect(res.body.data.updateTracking.shipments[0].version).toBe(2);
    expect(await gw.db.trackingEvent.count({ where: { eventId: "627963716b19511e8a3a631b" } })).toBe(1);
  });

  it("keeps the first of two events with one eventId in the same request, as it would across requests", async () => {
    await create({ shipmentNumber: "SAME-ID-TWICE", cartons: [{ trackingNumber: "1ZSAMEID0001", shipmentCarrier: "UPS" }] });
    const event = (event: string, minute: number) => ({
      event,
      eventId: "same-id-twice",
      eventRecordedAt: `2025-03-01T08:${String(minute).padStart(2, "0")}:00.000Z`,
      shipmentCarrier: "UPS",
    });
    const res = await gw.graphql(
      UPDATE_TRACKING,
      {
        input: {
          shipmentNumber: "SAME-ID-TWICE",
          trackingNumber: "1ZSAMEID0001",
          tracking: [event("picked up", 1), event("delivered", 2)],
        },
      },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const { appliedEvents, duplicateEventIds, shipments } = res.body.data.updateTracking;
    expect(appliedEvents.map((e: { event: string }) => e.event)).toEqual(["picked up"]);
    expect(duplicateEventIds).toEqual(["same-id-twice"]);
    expect(shipments[0].trackingStatus).toBe("IN_TRANSIT");
    const stored = await gw.db.trackingEvent.findMany({ where: { eventId: "same-id-twice" }, select: { event: true } });
    expect(stored).toEqual([{ event: "picked up" }]);
  });

  it("orders by eventRecordedAt, keeps delivered against a late scan, and rolls cartons up", async () => {
    const { id } = await create({
      shipmentNumber: "TWO-CARTONS",
      cartons: [
        { trackingNumber: "1ZROLLUP0001", shipmentCarrier: "UPS" },
        { trackingNumber: "1ZROLLUP0002", shipmentCarrier: "UPS" },
      ],
    });
    const push = (trackingNumber: string, tracking: object[]) =>
      gw.graphql(UPDATE_TRACKING, { input: { shipmentNumber: "TWO-CARTONS", trackingNumber, tracking } }, auth);
    await push("1ZROLLUP0001", [
      { event: "Delivered", eventRecordedAt: "2024-01-03T10:00:00Z" },
      { event: "Out for delivery", eventRecordedAt: "2024-01-03T08:00:00Z" },
    ]);
    let shipment = (await push("1ZROLLUP0001", [{ event: "In transit", eventRecordedAt: "2024-01-04T10:00:00Z" }])).body.data.updateTracking
      .shipments[0];
    expect(shipment.cartons[0]).toMatchObject({ trackingStatus: "DELIVERED", trackingSubstatus: "delivered_001" });
    expect(shipment.cartons[0].tracking.map((e: { event: string }) => e.event)).toEqual(["Out for delivery", "Delivered", "In transit"]);
    expect(shipment).toMatchObject({ statusCode: "SHIPMENT_PARTIALLY_DELIVERED", version: 3 });

    shipment = (await push("1ZROLLUP0002", [{ event: "Delivered, signed by J. DOE", eventRecordedAt: "2024-01-05T10:00:00Z" }])).body.data
      .updateTracking.shipments[0];
    expect(shipment).toMatchObject({ statusCode: "SHIPMENT_DELIVERED", trackingStatus: "DELIVERED", version: 4, id });

    shipment = (await push("1ZROLLUP0002", [{ event: "Returned to sender", eventRecordedAt: "2024-01-09T10:00:00Z" }])).body.data
      .updateTracking.shipments[0];
    expect(shipment.cartons[1]).toMatchObject({ trackingStatus: "RETURNED", trackingSubstatus: "exception_011" });
    expect(shipment.statusCode).toBe("SHIPMENT_RETURN_PENDING");

    // The audit log shows the updates that moved statusCode (not the late in-transit scan, version 3)…
    const tracked = shipment.auditLogs.filter((a: { auditType: string }) => a.auditType === "TRACKING_UPDATE");
    expect(tracked.map((a: { source: string; updatedFields: unknown }) => [a.source, a.updatedFields])).toEqual(
      ["SHIPMENT_CREATED", "SHIPMENT_PARTIALLY_DELIVERED", "SHIPMENT_DELIVERED"].map((was) => [
        "PUSH",
        [{ fieldName: "statusCode", fieldOriginalValue: was }],
      ]),
    );
    // …while every version keeps its row, for subscriptions that replay from a version.
    const rows = await gw.db.auditLog.findMany({ where: { shipmentId: id, trackingSource: { not: null } }, orderBy: { version: "asc" } });
    expect(rows.map((r) => r.version)).toEqual([2, 3, 4, 5]);
  });

  it("completes a pickup shipment when the customer collects it", async () => {
    await create({
      shipmentNumber: "PICKUP-1",
      type: "PICKUP",
      statusCode: "PICKUP_CREATED",
      cartons: [{ trackingNumber: "1ZPICKUP0001", shipmentCarrier: "UPS" }],
    });
    const push = (event: string, eventRecordedAt: string) =>
      gw.graphql(
        UPDATE_TRACKING,
        { input: { shipmentNumber: "PICKUP-1", trackingNumber: "1ZPICKUP0001", tracking: [{ event, eventRecordedAt }] } },
        auth,
      );
    expect((await push("Ready for pickup", "2024-02-01T10:00:00Z")).body.data.updateTracking.shipments[0].statusCode).toBe(
      "PICKUP_CREATED",
    );
    const collected = (await push("Picked up by customer", "2024-02-02T10:00:00Z")).body.data.updateTracking.shipments[0];
    expect(collected).toMatchObject({ statusCode: "PICKUP_COMPLETED", trackingStatus: "DELIVERED", trackingSubstatus: "delivered_002" });
  });

  it("answers NOT_FOUND for an unknown shipment or carton", async () => {
    const event = [{ event: "picked up", eventRecordedAt: "2024-01-01T00:00:00Z" }];
    const noShipment = await gw.graphql(
      UPDATE_TRACKING,
      { input: { shipmentNumber: "NOPE", trackingNumber: "1Z999AA10123456784", tracking: event } },
      auth,
    );
    expect(noShipment.status).toBe(404);
    expect(noShipment.body.errors![0]!.extensions).toMatchObject({ code: "NOT_FOUND", type: "not_found_error" });
    const noCarton = await gw.graphql(UPDATE_TRACKING, { input: { ...FABRIC_REQUEST, trackingNumber: "1ZNOSUCHCARTON" } }, auth);
    expect(noCarton.body.errors![0]).toMatchObject({ message: "Carton not found", extensions: { code: "NOT_FOUND" } });
  });

  it("rejects a malformed event naming the field, and writes nothing of the request", async () => {
    const before = await gw.db.trackingEvent.count();
    const bad = await gw.graphql(
      UPDATE_TRACKING,
      {
        input: {
          ...FABRIC_REQUEST,
          tracking: [
            { event: "arrived", eventId: "new-1", eventRecordedAt: "2024-01-01T00:00:00Z" },
            { event: " ", eventRecordedAt: "2024-01-01T00:00:00Z" },
          ],
        },
      },
      auth,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors![0]!.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      details: [{ path: "input.tracking[1].event", message: "must not be empty" }],
    });
    const badTime = await gw.graphql(
      UPDATE_TRACKING,
      { input: { ...FABRIC_REQUEST, tracking: [{ event: "arrived", eventRecordedAt: "yesterday" }] } },
      auth,
    );
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    expect(badTime.body.errors![0]!.message).toContain("input.tracking[0].eventRecordedAt");
    expect(await gw.db.trackingEvent.count()).toBe(before);
  });

  it("answers CONFLICT with currentVersion for a stale expectedVersion", async () => {
    const res = await gw.graphql(
      UPDATE_TRACKING,
      {
        input: {
          ...FABRIC_REQUEST,
          expectedVersion: 1,
          tracking: [{ event: "arrived", eventId: "conflict-1", eventRecordedAt: "2024-01-01T00:00:00Z" }],
        },
      },
      auth,
    );
    expect(res.status).toBe(409);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: "CONFLICT", type: "conflict_error", currentVersion: 2 });
    expect(await gw.db.trackingEvent.count({ where: { eventId: "conflict-1" } })).toBe(0);
  });
});

describe("updateTracking SQL statements", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    await gw.graphql(
      CREATE,
      { input: { shipmentNumber: "SQL-1", cartons: [{ trackingNumber: "1ZSQL0000001", shipmentCarrier: "UPS" }] } },
      auth,
    );
  });
  afterAll(() => gw.close());

  /**
   * Per request, whatever its number of events: BEGIN, lock the shipment by its number with its
   * cartons, insert the events reading back the touched cartons' history, write the carton and
   * shipment updates, the audit entry and the delivery-log append, COMMIT. The payload's shipment
   * state and applied events are the rows the ingestion wrote: no read after it.
   */
  const STATEMENTS_PER_UPDATE_TRACKING = 5;
  let hour = 0;
  /** `events` new scans, the newest of which moves the carton to `lastEvent`'s status. */
  const statementsFor = async (events: number, lastEvent: string) => {
    hour += 1;
    const tracking = Array.from({ length: events }, (_, i) => ({
      event: i === events - 1 ? lastEvent : "departed facility",
      eventId: `${hour}-${i}`,
      eventRecordedAt: new Date(Date.UTC(2024, 0, 1, hour, i)).toISOString(),
    }));
    gw.statements.length = 0;
    const res = await gw.graphql(
      "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { version } appliedEvents { id } } }",
      { input: { shipmentNumber: "SQL-1", trackingNumber: "1ZSQL0000001", tracking } },
      auth,
    );
    expect(res.body.data.updateTracking.appliedEvents).toHaveLength(events);
    return gw.statements.length;
  };

  it(`issues ${STATEMENTS_PER_UPDATE_TRACKING} statements for 1 event and for 50`, async () => {
    await statementsFor(1, "picked up"); // warms the credential cache
    expect(await statementsFor(1, "arrived at hub")).toBe(STATEMENTS_PER_UPDATE_TRACKING);
    expect(await statementsFor(50, "out for delivery")).toBe(STATEMENTS_PER_UPDATE_TRACKING);
  });

  it("answers a payload asking only for the shipment's state exactly as a read of the shipment does", async () => {
    const state = "__typename id version shipmentNumber statusCode trackingStatus trackingSubstatus";
    const res = await gw.graphql(
      `mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { ${state} } } }`,
      {
        input: {
          shipmentNumber: "SQL-1",
          trackingNumber: "1ZSQL0000001",
          tracking: [{ event: "delivered", eventId: "state-1", eventRecordedAt: "2024-02-01T10:00:00Z" }],
        },
      },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const [pushed] = res.body.data.updateTracking.shipments;
    expect(pushed).toMatchObject({ __typename: "Shipment", shipmentNumber: "SQL-1", trackingStatus: "DELIVERED" });
    const read = await gw.graphql(`query ($id: ID!) { shipment(id: $id) { ${state} } }`, { id: pushed.id }, auth);
    expect(read.body.data.shipment).toEqual(pushed);
  });

  it("answers appliedEvents from the rows it inserted exactly as a read of those events does, oldest first", async () => {
    const fields =
      "__typename id eventId event eventRecordedAt localTime location notes { description } shipmentCarrier carrierStatusCode status substatus source";
    const tracking = [
      {
        event: "Departed facility",
        eventId: "rows-2",
        eventRecordedAt: "2024-03-01T12:00:00.123+02:00",
        location: "Reno, NV",
        notes: { description: "scan 2" },
        shipmentCarrier: "FedEx",
      },
      { event: "picked up", eventRecordedAt: "2024-03-01T08:00:00Z" },
    ];
    gw.statements.length = 0;
    const res = await gw.graphql(
      `mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { ${fields} } } }`,
      { input: { shipmentNumber: "SQL-1", trackingNumber: "1ZSQL0000001", tracking } },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    expect(gw.statements.filter((s) => s.includes('"TrackingEvent"') && !s.includes("insertEvents"))).toEqual([]);
    const applied = res.body.data.updateTracking.appliedEvents;
    expect(applied.map((e: { event: string }) => e.event)).toEqual(["picked up", "Departed facility"]);
    const read = await gw.graphql(
      `query { shipmentByNumber(shipmentNumber: "SQL-1") { cartons { trackingEvents(last: 2) { ${fields} } } } }`,
      {},
      auth,
    );
    expect(read.body.data.shipmentByNumber.cartons[0].trackingEvents).toEqual(applied);
  });
});
