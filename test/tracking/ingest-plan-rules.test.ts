/**
 * The ingestion planner without a database, by table: what a request does to a locked shipment — the
 * cartons it creates, the rows it offers the insert, and, from what the insert kept, the carton and
 * shipment updates, the audit entry and the delivery-log change. The writer runs exactly these.
 */
import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError } from "../../src/errors.js";
import type { StatusCode, TrackingStatus } from "../../src/generated/prisma/enums.js";
import { planChange, planEvents, settleInsert, type ChangePlan } from "../../src/tracking/ingest-plan.js";
import type { CartonTracking, IngestRequest, ShipmentFacts } from "../../src/tracking/ingest.js";
import { normalizeEventWords } from "../../src/tracking/status.js";
import type { LockedShipment, StoredCarton } from "../../src/tracking/store.js";

const carton = (id: string, trackingNumber: string, words?: string, trackingURL: string | null = null): StoredCarton => {
  const status = words ? normalizeEventWords(words) : null;
  return {
    id,
    trackingNumber,
    shipmentCarrier: "UPS",
    trackingStatus: status?.status ?? null,
    trackingSubstatus: status?.substatus ?? null,
    trackingURL,
  };
};

const shipment = (cartons: StoredCarton[], more: Partial<LockedShipment> = {}): LockedShipment => ({
  id: "ship_1",
  shipmentNumber: "S-1",
  version: 3,
  statusCode: "SHIPMENT_CREATED",
  trackingStatus: cartons[0]?.trackingStatus ?? null,
  trackingSubstatus: cartons[0]?.trackingSubstatus ?? null,
  expectedDelivery: null,
  verificationStatus: "PENDING",
  cartons,
  ...more,
});

const at = (hour: number) => new Date(Date.UTC(2024, 0, 1, hour));
const events = (trackingNumber: string, ...scans: [string, number, string?][]): CartonTracking => ({
  trackingNumber,
  events: scans.map(([event, hour, eventId]) => ({ event, eventRecordedAt: at(hour), eventId })),
});

const request = (cartons: CartonTracking[], more: Partial<Omit<IngestRequest, "shipmentId" | "shipmentNumber">> = {}): IngestRequest => ({
  tenantId: "acme",
  shipmentId: "ship_1",
  source: "PUSH",
  cartons,
  ...more,
});

/**
 * The planner's whole pipeline as the writer runs it, with the insert keeping `kept` rows (all of them
 * unless said) and the history holding the cartons' `earlier` events ([carton, words, hour]) besides
 * the ones applied, in the order they happened.
 */
function plan(
  locked: LockedShipment,
  req: IngestRequest,
  { kept = "all", earlier = [] }: { kept?: "all" | "none"; earlier?: [string, string, number][] } = {},
): ChangePlan {
  const planned = planEvents(locked, req);
  const outcome = settleInsert(planned, new Set(kept === "all" ? planned.unique.map((e) => e.id) : []));
  const history = [
    ...earlier.map(([cartonId, words, hour]) => ({ cartonId, at: at(hour), ...normalizeEventWords(words) })),
    ...outcome.applied.map(({ cartonId, status, substatus, eventRecordedAt }) => ({ cartonId, at: eventRecordedAt, status, substatus })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map(({ cartonId, status, substatus }) => ({ cartonId, status, substatus }));
  return planChange({ locked, request: req, events: planned, outcome, history });
}

describe("planEvents", () => {
  const locked = shipment([carton("ctn_a", "1ZA"), carton("ctn_b", "1ZB")]);

  it("refuses a stale expectedVersion, naming the current one", () => {
    expect(() => planEvents(locked, request([events("1ZA", ["picked up", 1])], { expectedVersion: 2 }))).toThrow(ConflictError);
    expect(planEvents(locked, request([events("1ZA", ["picked up", 1])], { expectedVersion: 3 })).version).toBe(4);
  });

  it("refuses a tracking number the shipment has no carton for, unless asked to create it", () => {
    expect(() => planEvents(locked, request([events("1ZX", ["picked up", 1])]))).toThrow(NotFoundError);
    const created = planEvents(locked, request([{ ...events("1ZX", ["picked up", 1]), newCarton: { shipmentCarrier: "UPS" } }]));
    expect(created.newCartons).toEqual([
      { id: expect.stringMatching(/^ctn_/), position: 2, trackingNumber: "1ZX", shipmentCarrier: "UPS" },
    ]);
    expect(created.cartons.map((c) => c.trackingNumber)).toEqual(["1ZA", "1ZB", "1ZX"]);
    expect(created.candidates[0]!.cartonId).toBe(created.newCartons[0]!.id);
  });

  it.each<[string, CartonTracking[], number, number]>([
    ["one event: one row", [events("1ZA", ["picked up", 1])], 1, 1],
    ["the same event twice: one row offered, both reported", [events("1ZA", ["picked up", 1], ["picked up", 1])], 2, 1],
    ["the same event id with other words: one row", [events("1ZA", ["picked up", 1, "e1"], ["in transit", 2, "e1"])], 2, 1],
    ["the same words on two cartons: two rows", [events("1ZA", ["picked up", 1]), events("1ZB", ["picked up", 1])], 2, 2],
  ])("%s", (_name, cartons, candidates, unique) => {
    const planned = planEvents(locked, request(cartons));
    expect(planned.candidates).toHaveLength(candidates);
    expect(planned.unique).toHaveLength(unique);
  });
});

describe("settleInsert", () => {
  it("applies what the insert kept in the order it happened, and names the rest by event id or content", () => {
    const locked = shipment([carton("ctn_a", "1ZA"), carton("ctn_b", "1ZB")]);
    const planned = planEvents(
      locked,
      request([events("1ZA", ["in transit", 5], ["picked up", 1]), events("1ZB", ["picked up", 2, "known"])]),
    );
    const [transit, pickedUp, known] = planned.unique;
    const outcome = settleInsert(planned, new Set([transit!.id, pickedUp!.id]));
    expect(outcome.applied.map((e) => e.event)).toEqual(["picked up", "in transit"]);
    expect(outcome.touched).toEqual(["ctn_a"]);
    expect(outcome.duplicateEventIds).toEqual([known!.eventId]);
    expect(settleInsert(planned, new Set([known!.id])).duplicateEventIds).toEqual([transit!.dedupeKey, pickedUp!.dedupeKey]);
  });
});

describe("planChange", () => {
  interface Expected {
    /** null: nothing to write, the version stays. */
    writes: null | {
      cartons: { id: string; trackingStatus: TrackingStatus | null; trackingURL: string | null }[];
      statusCode: StatusCode;
      trackingStatus: TrackingStatus | null;
      /** The audit entry's updatedFields: the statusCode it had, when it moved. */
      statusCodeWas: StatusCode | null;
      trackingNumbers: string[];
      tracked: boolean;
    };
  }
  const one = (words?: string, url: string | null = null) => shipment([carton("ctn_a", "1ZA", words, url)]);
  const two = (a?: string, b?: string) => shipment([carton("ctn_a", "1ZA", a), carton("ctn_b", "1ZB", b)]);
  const facts = (f: ShipmentFacts) => ({ facts: f, source: "SYNC" as const });

  it.each<[string, LockedShipment, IngestRequest, Parameters<typeof plan>[2], Expected]>([
    ["every event already known", one("picked up"), request([events("1ZA", ["picked up", 1])]), { kept: "none" }, { writes: null }],
    [
      "a sync repeating the known facts",
      one(),
      request([], facts({ expectedDelivery: null, verificationStatus: "PENDING" })),
      {},
      { writes: null },
    ],
    [
      "a first scan: the carton moves, statusCode does not",
      one(),
      request([events("1ZA", ["picked up", 1])]),
      {},
      {
        writes: {
          cartons: [{ id: "ctn_a", trackingStatus: "IN_TRANSIT", trackingURL: null }],
          statusCode: "SHIPMENT_CREATED",
          trackingStatus: "IN_TRANSIT",
          statusCodeWas: null,
          trackingNumbers: ["1ZA"],
          tracked: false,
        },
      },
    ],
    [
      "delivered: the milestone moves statusCode and is audited",
      one("picked up"),
      request([events("1ZA", ["delivered", 9])], { source: "POLL" }),
      { earlier: [["ctn_a", "picked up", 1]] },
      {
        writes: {
          cartons: [{ id: "ctn_a", trackingStatus: "DELIVERED", trackingURL: null }],
          statusCode: "SHIPMENT_DELIVERED",
          trackingStatus: "DELIVERED",
          statusCodeWas: "SHIPMENT_CREATED",
          trackingNumbers: ["1ZA"],
          tracked: true,
        },
      },
    ],
    [
      "a late scan slots in before delivered and undoes nothing",
      shipment([carton("ctn_a", "1ZA", "delivered")], { statusCode: "SHIPMENT_DELIVERED" }),
      request([events("1ZA", ["in transit", 2])]),
      { earlier: [["ctn_a", "delivered", 9]] },
      {
        writes: {
          cartons: [],
          statusCode: "SHIPMENT_DELIVERED",
          trackingStatus: "DELIVERED",
          statusCodeWas: null,
          trackingNumbers: ["1ZA"],
          tracked: false,
        },
      },
    ],
    [
      "one carton of two delivered",
      two("picked up", "picked up"),
      request([events("1ZB", ["delivered", 9])]),
      { earlier: [["ctn_b", "picked up", 1]] },
      {
        writes: {
          cartons: [{ id: "ctn_b", trackingStatus: "DELIVERED", trackingURL: null }],
          statusCode: "SHIPMENT_PARTIALLY_DELIVERED",
          trackingStatus: "IN_TRANSIT",
          statusCodeWas: "SHIPMENT_CREATED",
          trackingNumbers: ["1ZB"],
          tracked: false,
        },
      },
    ],
    [
      "only a new tracking link",
      one("picked up", "https://old.example"),
      request([{ trackingNumber: "1ZA", events: [], trackingURL: "https://new.example" }]),
      {},
      {
        writes: {
          cartons: [{ id: "ctn_a", trackingStatus: "IN_TRANSIT", trackingURL: "https://new.example" }],
          statusCode: "SHIPMENT_CREATED",
          trackingStatus: "IN_TRANSIT",
          statusCodeWas: null,
          trackingNumbers: ["1ZA"],
          tracked: false,
        },
      },
    ],
    [
      "the same tracking link again",
      one("picked up", "https://same.example"),
      request([{ trackingNumber: "1ZA", events: [], trackingURL: "https://same.example" }]),
      {},
      { writes: null },
    ],
    [
      "a sync with a new expected delivery only",
      one("picked up"),
      request([], facts({ expectedDelivery: at(48) })),
      {},
      {
        writes: {
          cartons: [],
          statusCode: "SHIPMENT_CREATED",
          trackingStatus: "IN_TRANSIT",
          statusCodeWas: null,
          trackingNumbers: [],
          tracked: true,
        },
      },
    ],
  ])("%s", (_name, locked, req, insert, expected) => {
    const { result, writes } = plan(locked, req, insert);
    if (!expected.writes) {
      expect(writes).toBeNull();
      const { id, shipmentNumber, version, statusCode, trackingStatus, trackingSubstatus } = locked;
      expect(result.shipment).toEqual({ id, shipmentNumber, version, statusCode, trackingStatus, trackingSubstatus });
      expect(result.appliedEvents).toEqual([]);
      return;
    }
    const want = expected.writes;
    expect(writes).not.toBeNull();
    expect(result.shipment).toEqual({
      id: locked.id,
      shipmentNumber: locked.shipmentNumber,
      version: locked.version + 1,
      statusCode: want.statusCode,
      trackingStatus: want.trackingStatus,
      trackingSubstatus: writes!.shipment.trackingSubstatus ?? locked.trackingSubstatus,
    });
    expect(writes!.cartons.map(({ id, trackingStatus, trackingURL }) => ({ id, trackingStatus, trackingURL }))).toEqual(want.cartons);
    expect(writes!.shipment).toMatchObject({
      version: locked.version + 1,
      statusCode: want.statusCode,
      trackingStatus: want.trackingStatus,
      tracked: want.tracked,
    });
    expect(writes!.shipment.expectedDelivery).toEqual(req.facts?.expectedDelivery);
    expect(writes!.audit).toMatchObject({
      version: locked.version + 1,
      source: req.source,
      note: `${result.appliedEvents.length} tracking event(s) applied`,
      previousStatusCode: locked.statusCode,
      statusCode: want.statusCode,
      previousTrackingStatus: locked.trackingStatus,
      trackingStatus: want.trackingStatus,
      updatedFields: want.statusCodeWas ? [{ fieldName: "statusCode", fieldOriginalValue: want.statusCodeWas }] : [],
    });
    expect(writes!.deliveryLog).toEqual({
      tenantId: req.tenantId,
      shipmentId: locked.id,
      version: locked.version + 1,
      source: req.source,
      previousStatus: locked.trackingStatus,
      status: want.trackingStatus,
      eventIds: result.appliedEvents.map((e) => e.id),
      trackingNumbers: want.trackingNumbers,
    });
  });
});
