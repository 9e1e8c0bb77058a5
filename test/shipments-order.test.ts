/** Query.shipments(orderBy, filter) and Query.statusCounts, as a list screen and a dashboard use them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import * as enums from "../src/generated/prisma/enums.js";
import type { TrackingStatus } from "../src/generated/prisma/enums.js";
import { createShipment } from "../src/shipments/create-shipment.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $orderBy: ShipmentOrder, $filter: ShipmentFilter) {
  shipments(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { id shipmentNumber createdAt updatedAt expectedDelivery trackingStatus statusCode }
  }
}`;

interface Row {
  id: string;
  shipmentNumber: string;
  createdAt: string;
  updatedAt: string;
  expectedDelivery: string | null;
  trackingStatus: TrackingStatus | null;
  statusCode: string;
}

const TRACKING_ORDER = [
  "PENDING",
  "INFO_RECEIVED",
  "IN_TRANSIT",
  "OUT_FOR_DELIVERY",
  "AVAILABLE_FOR_PICKUP",
  "ATTEMPT_FAIL",
  "DELIVERED",
  "EXCEPTION",
  "RETURNING",
  "RETURNED",
  "EXPIRED",
];
const STATUS_CODE_ORDER = [
  "SHIPMENT_CREATED",
  "SHIPMENT_UPDATED",
  "SHIPMENT_CANCELLED",
  "PICKUP_CREATED",
  "PICKUP_COMPLETED",
  "SHIPMENT_DELIVERED",
];

/** A sortable key per order field; null sorts as the largest value, as PostgreSQL does. */
const KEY: Record<string, (r: Row) => number | null> = {
  CREATED_AT: (r) => Date.parse(r.createdAt),
  UPDATED_AT: (r) => Date.parse(r.updatedAt),
  EXPECTED_DELIVERY: (r) => (r.expectedDelivery ? Date.parse(r.expectedDelivery) : null),
  TRACKING_STATUS: (r) => (r.trackingStatus ? TRACKING_ORDER.indexOf(r.trackingStatus) : null),
  STATUS_CODE: (r) => STATUS_CODE_ORDER.indexOf(r.statusCode),
};

function expectedOrder(rows: Row[], field: string, direction: "ASC" | "DESC") {
  const key = KEY[field]!;
  const sign = direction === "ASC" ? 1 : -1;
  const compare = (a: Row, b: Row) => {
    const ka = key(a) ?? Infinity;
    const kb = key(b) ?? Infinity;
    return sign * (ka === kb ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : ka - kb);
  };
  return [...rows].sort(compare).map((r) => r.shipmentNumber);
}

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12));

// Duplicated keys (ties broken by id) and nulls in the nullable columns, on purpose.
const SEED: {
  expectedDelivery: Date | null;
  trackingStatus: TrackingStatus | null;
  statusCode: "SHIPMENT_CREATED" | "SHIPMENT_UPDATED" | "SHIPMENT_DELIVERED";
  email: string;
  order: string;
}[] = [
  { expectedDelivery: at(10), trackingStatus: "IN_TRANSIT", statusCode: "SHIPMENT_UPDATED", email: "ana@example.com", order: "ORD-1" },
  { expectedDelivery: null, trackingStatus: null, statusCode: "SHIPMENT_CREATED", email: "bo@example.com", order: "ORD-2" },
  { expectedDelivery: at(8), trackingStatus: "DELIVERED", statusCode: "SHIPMENT_DELIVERED", email: "ana@example.com", order: "ORD-3" },
  { expectedDelivery: at(10), trackingStatus: "IN_TRANSIT", statusCode: "SHIPMENT_UPDATED", email: "cy@example.com", order: "ORD-4" },
  { expectedDelivery: null, trackingStatus: "PENDING", statusCode: "SHIPMENT_CREATED", email: "Ana@Example.com", order: "ORD-5" },
  { expectedDelivery: at(12), trackingStatus: "EXCEPTION", statusCode: "SHIPMENT_UPDATED", email: "dee@example.com", order: "ORD-6" },
  { expectedDelivery: at(9), trackingStatus: null, statusCode: "SHIPMENT_CREATED", email: "ed@example.com", order: "ORD-7" },
];

describe("shipments(orderBy, filter) and statusCounts", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  let all: Row[];
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    const viewer = { tenantId: "acme", channelId: 12 };
    for (const [i, s] of SEED.entries()) {
      const id = await createShipment(gw.db, viewer, {
        shipmentNumber: `L${i + 1}`,
        orderNumbers: [s.order, `ALL-${i % 2}`],
        recipients: [{ email: s.email }],
      });
      // Columns tracking owns, set directly; createdAt pairs collide so the id tiebreak is exercised.
      await gw.db.shipment.update({
        where: { id },
        data: {
          expectedDelivery: s.expectedDelivery,
          trackingStatus: s.trackingStatus,
          statusCode: s.statusCode,
          createdAt: at(Math.floor(i / 2) + 1),
          updatedAt: at(20 - i),
        },
      });
    }
    // Another tenant's shipment, which neither the list nor the counts may see.
    await gw.tenant("other");
    await createShipment(
      gw.db,
      { tenantId: "other", channelId: 12 },
      { shipmentNumber: "X1", orderNumbers: ["ORD-1"], recipients: [{ email: "ana@example.com" }] },
    );
    all = (await page({ first: 100 })).nodes;
  });
  afterAll(() => gw.close());

  async function page(variables: Record<string, unknown>) {
    const res = await gw.graphql(PAGE, variables, auth);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.shipments as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
      nodes: Row[];
    };
  }

  async function forwards(orderBy: unknown, filter?: unknown) {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const p = await page({ first: 2, after, orderBy, filter });
      seen.push(...p.nodes.map((n) => n.shipmentNumber));
      if (!p.pageInfo.hasNextPage) return seen;
      after = p.pageInfo.endCursor;
    }
  }

  async function backwards(orderBy: unknown) {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const p = await page({ last: 2, before, orderBy });
      seen.unshift(...p.nodes.map((n) => n.shipmentNumber));
      if (!p.pageInfo.hasPreviousPage) return seen;
      before = p.pageInfo.startCursor;
    }
  }

  it("sees only the caller's shipments, newest first by default", () => {
    expect(all).toHaveLength(SEED.length);
    expect(all.map((r) => r.shipmentNumber)).toEqual(expectedOrder(all, "CREATED_AT", "DESC"));
  });

  for (const field of Object.keys(KEY)) {
    for (const direction of ["ASC", "DESC"] as const) {
      it(`orders by ${field} ${direction}; pages forwards and backwards without gaps or repeats`, async () => {
        const expected = expectedOrder(all, field, direction);
        expect(await forwards({ field, direction })).toEqual(expected);
        expect(await backwards({ field, direction })).toEqual(expected);
      });
    }
  }

  it("filters by order number, recipient email (ignoring case) and created/expected-delivery ranges", async () => {
    const numbers = async (filter: Record<string, unknown>) => (await forwards({ field: "CREATED_AT", direction: "ASC" }, filter)).sort();
    expect(await numbers({ orderNumber: "ORD-3" })).toEqual(["L3"]);
    expect(await numbers({ orderNumber: "ALL-0" })).toEqual(["L1", "L3", "L5", "L7"]);
    expect(await numbers({ orderNumber: "ORD" })).toEqual([]);
    expect(await numbers({ recipientEmail: "ANA@example.com" })).toEqual(["L1", "L3", "L5"]);
    expect(await numbers({ recipientEmail: "an_@example.com" })).toEqual([]);
    expect(await numbers({ createdAt: { from: at(2).toISOString(), before: at(3).toISOString() } })).toEqual(["L3", "L4"]);
    expect(await numbers({ createdAt: { from: at(4).toISOString() } })).toEqual(["L7"]);
    expect(await numbers({ expectedDelivery: { before: at(10).toISOString() } })).toEqual(["L3", "L7"]);
    expect(await numbers({ expectedDelivery: { from: at(10).toISOString(), before: at(12).toISOString() } })).toEqual(["L1", "L4"]);
    expect(await numbers({ recipientEmail: "ana@example.com", trackingStatus: ["IN_TRANSIT"] })).toEqual(["L1"]);
  });

  it("rejects a cursor of another orderBy, and one that is not a cursor, as bad input", async () => {
    const { pageInfo } = await page({ first: 2, orderBy: { field: "UPDATED_AT", direction: "ASC" } });
    for (const after of [
      pageInfo.endCursor,
      "not-a-cursor",
      Buffer.from(JSON.stringify(["CREATED_AT", "yesterday", "ship_x"])).toString("base64url"),
    ]) {
      const res = await gw.graphql(PAGE, { first: 2, after, orderBy: { field: "CREATED_AT" } }, auth);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "after" }] });
    }
  });

  it("keyset cursors assume PostgreSQL orders each enum as Prisma's enum lists it", async () => {
    const client = new pg.Client({ connectionString: gw.databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname IN ('TrackingStatus', 'StatusCode') GROUP BY t.typname`,
    );
    await client.end();
    expect(Object.fromEntries(rows.map((r: { typname: string; labels: string[] }) => [r.typname, r.labels]))).toEqual({
      TrackingStatus: Object.values(enums.TrackingStatus),
      StatusCode: Object.values(enums.StatusCode),
    });
  });

  it("counts without loading a page when only totalCount is asked for", async () => {
    const COUNT = "query ($filter: ShipmentFilter) { shipments(filter: $filter) { totalCount } }";
    await gw.graphql(COUNT, {}, auth);
    gw.statements.length = 0;
    const res = await gw.graphql(COUNT, { filter: { trackingStatus: ["IN_TRANSIT"] } }, auth);
    expect(res.body.data.shipments.totalCount).toBe(2);
    expect(gw.statements).toHaveLength(1);
    expect(gw.statements[0]).toMatch(/COUNT/i);
  });

  it("rejects a range that ends before it starts", async () => {
    const res = await gw.graphql(
      PAGE,
      { first: 5, filter: { createdAt: { from: at(5).toISOString(), before: at(1).toISOString() } } },
      auth,
    );
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      type: "validation_error",
      details: [{ path: "filter.createdAt" }],
    });
  });

  const COUNTS = "query ($filter: ShipmentFilter) { statusCounts(filter: $filter) { trackingStatus count } }";

  it("counts shipments by tracking status in one GROUP BY, honouring the filter", async () => {
    await gw.graphql(COUNTS, {}, auth); // warm the credential cache: count only the query's own work
    gw.statements.length = 0;
    const res = await gw.graphql(COUNTS, {}, auth);
    expect(res.body.errors).toBeUndefined();
    expect(gw.statements).toHaveLength(1);
    expect(gw.statements[0]).toMatch(/GROUP BY/i);
    expect(res.body.data.statusCounts).toEqual([
      { trackingStatus: "PENDING", count: 1 },
      { trackingStatus: "IN_TRANSIT", count: 2 },
      { trackingStatus: "DELIVERED", count: 1 },
      { trackingStatus: "EXCEPTION", count: 1 },
      { trackingStatus: null, count: 2 },
    ]);
    const filtered = await gw.graphql(COUNTS, { filter: { recipientEmail: "ana@example.com" } }, auth);
    expect(filtered.body.data.statusCounts).toEqual([
      { trackingStatus: "PENDING", count: 1 },
      { trackingStatus: "IN_TRANSIT", count: 1 },
      { trackingStatus: "DELIVERED", count: 1 },
    ]);
  });
});
