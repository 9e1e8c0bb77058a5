import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_OBJECTS_PER_REQUEST, LIST_LENGTH, PAGE_SIZE, STRING_LENGTH } from "../src/input-limits.js";
import { seedShipmentInput } from "./support/documents.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const CREATE = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }";
const UPDATE = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { id } } }";
const SHIPMENT_NUMBER = "78974156816152";
const TRACKING_NUMBER = "1Z999AA10123456784";

const event = (overrides: Record<string, unknown> = {}) => ({ event: "picked up", eventRecordedAt: "2024-03-01T10:00:00Z", ...overrides });
const update = (tracking: unknown[]) => ({ input: { shipmentNumber: SHIPMENT_NUMBER, trackingNumber: TRACKING_NUMBER, tracking } });
const create = (overrides: Record<string, unknown>) => ({ input: { shipmentNumber: "bounds-1", ...overrides } });
const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

/** The path of the first input object over the bound, in cartons of `items` items each: the shipment counts first. */
function firstObjectOver(items: number) {
  const index = INPUT_OBJECTS_PER_REQUEST - 1;
  const [carton, offset] = [Math.floor(index / (items + 1)), index % (items + 1)];
  return offset === 0 ? `input.cartons[${carton}]` : `input.cartons[${carton}].items[${offset - 1}]`;
}

describe("input bounds", () => {
  let gw: TestGateway;
  let a: Awaited<ReturnType<TestGateway["tenant"]>>;
  const rows = async () => [
    await gw.db.shipment.count(),
    await gw.db.carton.count(),
    await gw.db.item.count(),
    await gw.db.trackingEvent.count(),
  ];

  beforeAll(async () => {
    gw = await startTestGateway();
    a = await gw.tenant("bounds");
    const created = await gw.graphql(CREATE, { input: seedShipmentInput() }, a.basic);
    expect(created.body.errors).toBeUndefined();
  });
  afterAll(() => gw.close());

  // [what, operation, variables, the path the error must name]
  const rejected: [string, string, Record<string, unknown>, string][] = [
    ["NUL in an identifier", CREATE, create({ shipmentNumber: "ab\u0000c" }), "input.shipmentNumber"],
    ["NUL deep in a carton", CREATE, create({ cartons: [{ items: [{ sku: "x\u0000" }] }] }), "input.cartons[0].items[0].sku"],
    ["a lone high surrogate", CREATE, create({ poNumber: "po\uD83D" }), "input.poNumber"],
    ["a lone low surrogate", UPDATE, update([event({ location: "\uDC00Reno" })]), "input.tracking[0].location"],
    [
      "an identifier over 255",
      CREATE,
      create({ cartons: [{ trackingNumber: "1".repeat(STRING_LENGTH.short + 1) }] }),
      "input.cartons[0].trackingNumber",
    ],
    ["a 1 MB identifier", CREATE, create({ shipmentNumber: "n".repeat(1_000_000) }), "input.shipmentNumber"],
    ["free text over 1,000", UPDATE, update([event({ event: "e".repeat(STRING_LENGTH.text + 1) })]), "input.tracking[0].event"],
    ["an order number list entry", CREATE, create({ orderNumbers: ["ok", "\u0000"] }), "input.orderNumbers[1]"],
    [
      "a decimal over Decimal(19,4)",
      CREATE,
      create({ cartons: [{ items: [{ refundAmount: "1000000000000000" }] }] }),
      "input.cartons[0].items[0].refundAmount",
    ],
    [
      "a decimal number overflowing",
      CREATE,
      create({ cartons: [{ items: [{ fees: [{ amount: 1e30 }] }] }] }),
      "input.cartons[0].items[0].fees[0].amount",
    ],
    [
      "five decimal places",
      CREATE,
      create({ cartons: [{ items: [{ refundAmountInCurrencies: [{ currency: "USD", amount: "1.00001" }] }] }] }),
      "input.cartons[0].items[0].refundAmountInCurrencies[0].amount",
    ],
    ["a latitude with 7 places", CREATE, create({ shipToAddress: { latitude: "45.1234567" } }), "input.shipToAddress.latitude"],
    ["year 0000", UPDATE, update([event({ eventRecordedAt: "0000-01-01T00:00:00Z" })]), "input.tracking[0].eventRecordedAt"],
    ["year 9999", CREATE, create({ shippedAt: "9999-12-31T23:59:59Z" }), "input.shippedAt"],
    ["February 30th", UPDATE, update([event({ eventRecordedAt: "2024-02-30T10:00:00Z" })]), "input.tracking[0].eventRecordedAt"],
    ["February 29th of a common year", CREATE, create({ shippedAt: "2023-02-29T10:00:00Z" }), "input.shippedAt"],
    ["T24:00:00", UPDATE, update([event({ eventRecordedAt: "2024-03-01T24:00:00Z" })]), "input.tracking[0].eventRecordedAt"],
    [
      "minute 60",
      CREATE,
      create({ cartons: [{ estimatedDeliveryDate: "2024-03-01T10:60:00Z" }] }),
      "input.cartons[0].estimatedDeliveryDate",
    ],
    [
      "too many events",
      UPDATE,
      update(times(LIST_LENGTH["UpdateTrackingInput.tracking"]! + 1, (i) => event({ eventId: `e${i}` }))),
      "input.tracking",
    ],
    ["too many cartons", CREATE, create({ cartons: times(LIST_LENGTH["CreateShipmentInput.cartons"]! + 1, () => ({})) }), "input.cartons"],
    [
      "too many input objects in all",
      CREATE,
      create({ cartons: times(100, () => ({ items: times(20, () => ({})) })) }),
      firstObjectOver(20),
    ],
    [
      "NUL in a lookup argument",
      "query ($v: String!) { shipmentByNumber(shipmentNumber: $v) { id } }",
      { v: "7897\u0000" },
      "shipmentNumber",
    ],
    [
      "a long filter",
      "query ($v: String!) { shipments(filter: { trackingNumber: $v }) { nodes { id } } }",
      { v: "x".repeat(300) },
      "filter.trackingNumber",
    ],
    ["an instant filter in year 0", '{ shipments(filter: { updatedSince: "0000-01-01T00:00:00Z" }) { nodes { id } } }', {}, ""],
    ["negative first", "{ shipments(first: -1) { nodes { id } } }", {}, "first"],
    ["first over the maximum", `{ shipments(first: ${PAGE_SIZE + 1}) { nodes { id } } }`, {}, "first"],
    ["first and last together", "{ shipments(first: 2, last: 2) { nodes { id } } }", {}, "last"],
    ["negative last of events", "{ shipments(first: 1) { nodes { trackingEvents(last: -3) { id } } } }", {}, "last"],
    ["a garbage cursor", '{ shipments(first: 1, after: "R1BDOlM6c2hpcF94") { nodes { id } } }', {}, "after"],
    ["an id of no type", '{ node(id: "usr_123") { id } }', {}, "id"],
    [
      "a literal nested 20,000 deep",
      `{ shipments(filter: { statusCode: ${"[".repeat(20_000)}${"]".repeat(20_000)} }) { nodes { id } } }`,
      {},
      "query",
    ],
  ];

  for (const [what, query, variables, path] of rejected) {
    it(`rejects ${what} with 400 validation_error naming ${path || "the value"}, writing nothing`, async () => {
      const before = await rows();
      const res = await gw.graphql(query, variables, a.basic);
      expect(res.status).toBe(400);
      const error = res.body.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
      expect(error?.extensions?.details?.length).toBeGreaterThan(0);
      if (path) expect(error!.extensions!.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await rows()).toEqual(before);
    });
  }

  it("checks a nested field's arguments with each request's variables, at every row they fail", async () => {
    // The same document (parsed once, cached by yoga) with other variables must be checked again.
    const query = "query ($last: Int) { shipments(first: 5) { nodes { cartons { trackingEvents(last: $last) { id } } } } }";
    const valid = await gw.graphql(query, { last: 3 }, a.basic);
    expect(valid.body.errors).toBeUndefined();
    const cartons = valid.body.data.shipments.nodes.flatMap((s: { cartons: unknown[] }) => s.cartons).length;
    expect(cartons).toBeGreaterThan(0);
    const invalid = await gw.graphql(query, { last: -3 }, a.basic);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toHaveLength(cartons);
    for (const error of invalid.body.errors!) {
      expect(error.path?.at(-1)).toBe("trackingEvents");
      expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "last", message: "must not be negative" }] });
    }
    expect((await gw.graphql(query, { last: 3 }, a.basic)).body).toEqual(valid.body);
  });

  it("answers a document that does not parse or validate with 400, a code and validation_error", async () => {
    for (const [query, code] of [
      ["{ shipments(", "GRAPHQL_PARSE_FAILED"],
      ["{ shipments { nodes { nope } } }", "GRAPHQL_VALIDATION_FAILED"],
    ]) {
      const res = await gw.graphql(query!, {}, a.basic);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code, type: "validation_error" });
    }
  });

  it("lists every problem of a request at once", async () => {
    const res = await gw.graphql(
      CREATE,
      create({ shipmentNumber: "\u0000", poNumber: "p".repeat(256), shippedAt: "2024-02-30T00:00:00Z" }),
      a.basic,
    );
    expect(res.status).toBe(400);
    // The instant fails while variables are read, before the rest is looked at.
    expect(res.body.errors![0]!.extensions!.details).toEqual([{ path: "input.shippedAt", message: expect.stringContaining("ISO-8601") }]);
    const strings = await gw.graphql(CREATE, create({ shipmentNumber: "\u0000", poNumber: "p".repeat(256) }), a.basic);
    expect(strings.body.errors![0]!.extensions!.details.map((d: { path: string }) => d.path)).toEqual([
      "input.shipmentNumber",
      "input.poNumber",
    ]);
  });

  it("accepts what lies exactly on each bound", async () => {
    const res = await gw.graphql(
      CREATE,
      create({
        shipmentNumber: "s".repeat(STRING_LENGTH.short),
        shippedAt: "2099-12-31T23:59:59.999Z",
        cartons: [
          {
            trackingNumber: "EDGE1",
            trackingURL: `https://t.example/${"u".repeat(STRING_LENGTH.url - 18)}`,
            items: [{ sku: "😀".repeat(STRING_LENGTH.short / 5), refundAmount: "999999999999999.9999" }],
            tracking: [event({ event: "e".repeat(STRING_LENGTH.text), eventRecordedAt: "2024-02-29T23:59:59+14:00" })],
          },
        ],
        shipToAddress: { latitude: "-89.999999", longitude: "179.999999" },
      }),
      a.basic,
    );
    expect(res.body.errors).toBeUndefined();
  });

  it("stores the largest createShipment allowed in one transaction", async () => {
    // The shipment, 20 cartons, each with 47 items and an event: 981 input objects, just under the bound.
    const cartons = times(20, (c) => ({
      trackingNumber: `BIG${c}`,
      items: times(47, (i) => ({ sku: `sku-${i}`, orderedQuantity: 1 })),
      tracking: [event()],
    }));
    const started = performance.now();
    const res = await gw.graphql(CREATE, create({ shipmentNumber: "largest", cartons }), a.basic);
    console.log(`[input-bounds] largest createShipment (981 input objects): ${Math.round(performance.now() - started)} ms`);
    expect(res.body.errors).toBeUndefined();
    expect(await gw.db.item.count({ where: { carton: { shipment: { shipmentNumber: "largest" } } } })).toBe(20 * 47);
  });

  it("applies the largest updateTracking allowed", async () => {
    const max = LIST_LENGTH["UpdateTrackingInput.tracking"]!;
    const started = performance.now();
    const res = await gw.graphql(
      UPDATE,
      update(times(max, (i) => event({ eventId: `max-${i}`, eventRecordedAt: new Date(Date.UTC(2024, 3, 1, 0, i)).toISOString() }))),
      a.basic,
    );
    console.log(`[input-bounds] largest updateTracking (${max} events): ${Math.round(performance.now() - started)} ms`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.updateTracking.appliedEvents).toHaveLength(max);
  });

  it("reads instants with their offset exactly", async () => {
    const res = await gw.graphql(
      "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { eventRecordedAt } } }",
      update([
        event({ eventId: "offset-1", eventRecordedAt: "2024-02-29T23:30:00.1239+05:30" }),
        event({ eventId: "offset-2", eventRecordedAt: "2024-12-31T20:00:00-0500" }),
      ]),
      a.basic,
    );
    expect(res.body.data.updateTracking.appliedEvents.map((e: { eventRecordedAt: string }) => e.eventRecordedAt)).toEqual([
      "2024-02-29T18:00:00.123Z",
      "2025-01-01T01:00:00.000Z",
    ]);
  });
});

describe("a row stored before the bounds existed", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  let bearer: Record<string, string>;
  let shipmentId: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    const tenant = await gw.tenant("poisoned");
    [auth, bearer] = [tenant.basic, tenant.bearer];
    const created = await gw.graphql(CREATE, { input: seedShipmentInput() }, auth);
    shipmentId = created.body.data.createShipment.id;
    // What an event dated 0000-01-01T00:00:00Z became: PostgreSQL stores it as 1 BC.
    const carton = await gw.db.carton.findFirstOrThrow({ where: { shipmentId }, select: { id: true } });
    await gw.db.$executeRaw`
      INSERT INTO "TrackingEvent" (id, "tenantId", "shipmentId", "cartonId", carrier, "dedupeKey", event, "eventRecordedAt", status, substatus, "shipmentVersion")
      VALUES ('evt_poison', 'poisoned', ${shipmentId}, ${carton.id}, 'ups', 'poison', 'picked up', '0001-01-01 00:00:00+00 BC', 'IN_TRANSIT', 'in_transit_001', 1)`;
  });
  afterAll(() => gw.close());

  it("still reads: alone, in the tenant's list and through node", async () => {
    const one = await gw.graphql(
      "query ($id: ID!) { shipment(id: $id) { trackingEvents { id eventRecordedAt } } }",
      { id: shipmentId },
      auth,
    );
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data.shipment.trackingEvents).toContainEqual({ id: "evt_poison", eventRecordedAt: "0000-01-01T00:00:00.000Z" });
    const list = await gw.graphql("{ shipments(first: 10) { nodes { id cartons { trackingEvents { eventRecordedAt } } } } }", {}, auth);
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.shipments.nodes).toHaveLength(1);
    const node = await gw.graphql('{ node(id: "evt_poison") { ... on TrackingEvent { eventRecordedAt } } }', {}, auth);
    expect(node.body).toEqual({ data: { node: { eventRecordedAt: "0000-01-01T00:00:00.000Z" } } });
  });

  it("REST update-tracking refuses another such event with 400 and still answers for the shipment", async () => {
    const before = await gw.db.trackingEvent.count();
    const post = (tracking: unknown[]) =>
      fetch(new URL("/v3/shipments/actions/update-tracking", gw.url), {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ shipmentNumber: SHIPMENT_NUMBER, trackingNumber: TRACKING_NUMBER, tracking }),
      });
    const refused = await post([event({ eventRecordedAt: "0000-01-01T00:00:00Z" })]);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ type: "validation_error", details: [{ path: "tracking[0].eventRecordedAt" }] });
    expect(await gw.db.trackingEvent.count()).toBe(before);
    const accepted = await post([event({ eventId: "after-poison" })]);
    expect(accepted.status).toBe(200);
  });
});
