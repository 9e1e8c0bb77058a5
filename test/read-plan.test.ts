/**
 * Read plans answer byte for byte what the normal path (Pothos, Prisma, graphql-js) answers: every
 * query of the corpus goes to two instances on the same database and cursor secret, one planning
 * and one with plans off, and the status and body must be identical. Planned queries must really
 * have been one `/* readPlan` statement; the ones the planner does not take must not be.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import pg from "pg";
import { createApp } from "../src/app.js";
import { createDb, type Database } from "../src/db/client.js";
import { EDGE_DEFAULTS } from "../src/edge/settings.js";
import { Prisma } from "../src/generated/prisma/client.js";
import { createShipment } from "../src/shipments/create-shipment.js";
import { EXAMPLE_QUERY } from "../src/graphql/yoga.js";
import { NESTED_QUERY } from "./bench/nested.js";
import { seedShipmentInput } from "./support/documents.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const CURSOR_SECRET = "read-plan-test-cursor-secret";

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

async function post(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      "x-request-id": "read-plan-test",
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
}

const EVERY_COLUMN = /* GraphQL */ `query EveryColumn($first: Int) {
  shipments(first: $first) {
    nodes {
      id version shipmentId shipmentNumber shipmentExternalId allocationId invoiceId merchantInvoiceId locationNumber
      locationType masterTrackingNumber orderNumbers poNumber reshipmentReasonCode shipToId shippedAt statusCode subtype
      totalCartons type vendorId channelId fulfillmentMethod shipmentTrackingNumber shipmentCourier verificationStatus
      trackingStatus trackingSubstatus expectedDelivery createdAt updatedAt
      cartons {
        id cartonNumber cartonType estimatedDeliveryDate estimatedShipmentDate promisedDeliveryDate shipmentCarrier
        shipmentMethod trackingNumber trackingURL weight trackingStatus trackingSubstatus signedBy
        items { id itemId lineItemId orderId orderNumber orderedQuantity shippedQuantity returnQuantity refundAmount segment shipmentLineItemId sku uom vendorId }
        trackingEvents { id eventId event eventRecordedAt localTime location shipmentCarrier carrierStatusCode status substatus source receivedAt }
      }
      trackingEvents(last: 3) { id event eventRecordedAt }
    }
  }
}`;

const MIXED = /* GraphQL */ `query Mixed($withItems: Boolean!, $skipEvents: Boolean!, $last: Int) {
  __typename
  list: shipments(first: 3) {
    __typename
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
    edges { cursor node { ...Head kind: __typename } __typename }
    nodes { id number: shipmentNumber ... on Shipment { orderNumbers createdAt } ... on Node { id } }
  }
}
fragment Head on Shipment {
  id
  version
  cartons {
    ... on Carton { id tn: trackingNumber }
    items @include(if: $withItems) { id sku refundAmount }
    trackingEvents(last: $last) @skip(if: $skipEvents) { id status eventRecordedAt }
    ...CartonTail
  }
}
fragment CartonTail on Carton { __typename trackingStatus }`;

const PAGE = /* GraphQL */ `query Page($first: Int, $after: String) {
  shipments(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } }
}`;

const ONE = /* GraphQL */ `query One($id: ID!, $number: String!) {
  shipment(id: $id) { id shipmentNumber cartons { trackingNumber items { sku } } }
  byNumber: shipmentByNumber(shipmentNumber: $number) { id __typename }
}`;

const BY_ID = /* GraphQL */ `query ById($id: ID!) { shipment(id: $id) { id shipmentNumber } }`;

/** Each selects something the planner leaves to the normal path. */
const NOT_PLANNED = [
  /* GraphQL */ `{ shipments(first: 2) { nodes { id cartons { trackingEvents { notes { description } trackingNumber } } } } }`,
  /* GraphQL */ `{ shipments(first: 2) { totalCount nodes { id } } }`,
  /* GraphQL */ `{ shipments(first: 2, orderBy: { field: UPDATED_AT, direction: ASC }) { nodes { id } } }`,
  /* GraphQL */ `{ shipments(last: 2) { nodes { id } } }`,
  /* GraphQL */ `{ shipments(first: 2) { nodes { id recipients { email name { firstName } } shipToAddress { city } } } }`,
  /* GraphQL */ `{ shipments(first: 2) { nodes { id cartons { trackingEventsConnection(first: 2) { edges { cursor } } } } } }`,
];

describe("read plans", () => {
  let planned: TestGateway;
  let normalDb: Database;
  let normal: ReturnType<typeof createApp>;
  let normalUrl: string;
  let auth: Record<string, string>;
  let otherAuth: Record<string, string>;
  let otherShipmentId: string;
  let firstId: string;

  beforeAll(async () => {
    planned = await startTestGateway({ cursorSecret: CURSOR_SECRET });
    normalDb = createDb({ url: planned.databaseUrl });
    normal = createApp({
      ...normalDb,
      logger: pino({ level: "silent" }),
      rateLimit: { points: 100_000, durationSeconds: 60 },
      production: false,
      edge: EDGE_DEFAULTS,
      cursorSecret: CURSOR_SECRET,
      readPlans: false,
    });
    normalUrl = `http://127.0.0.1:${await normal.listen(0, "127.0.0.1")}/graphql`;
    auth = (await planned.tenant("acme")).basic;
    otherAuth = (await planned.tenant("globex")).basic;
    const acme = { tenantId: "acme", channelId: 12 };
    const amounts = ["12.50", "100", "0.0001", "7.1234", null];
    for (let i = 0; i < 25; i++) {
      const carton = (n: number) => ({
        trackingNumber: `1ZPLAN${i}C${n}`,
        cartonNumber: n === 1 ? `CN-${i}` : null,
        items:
          n === 2
            ? []
            : [
                {
                  sku: `SKU${i}`,
                  shippedQuantity: i,
                  refundAmount: amounts[i % amounts.length] === null ? null : new Prisma.Decimal(amounts[i % amounts.length]!),
                },
                { sku: `SKU${i}-b`, itemId: 7 },
              ],
        tracking:
          n === 2
            ? []
            : Array.from({ length: 4 }, (_, e) => ({
                event: `scan ${e}`,
                eventId: `p${i}-${n}-${e}`,
                eventRecordedAt: new Date(Date.UTC(2024, 0, 1 + e, 10, 0, 0, 123)),
                location: e % 2 ? "Reno, NV" : null,
              })),
      });
      const cartons = i % 5 === 4 ? [] : [carton(1), carton(2)];
      const id = await createShipment(planned.db, acme, seedShipmentInput({ shipmentNumber: `P${i}`, cartons, shipToAddress: undefined }));
      firstId ??= id;
    }
    otherShipmentId = await createShipment(
      planned.db,
      { tenantId: "globex", channelId: 12 },
      seedShipmentInput({ shipmentNumber: "G1", cartons: [], shipToAddress: undefined }),
    );
    // Rows from before input bounds: a BC instant reads as the start of year 0 on the normal path.
    const sql = new pg.Client({ connectionString: planned.databaseUrl });
    await sql.connect();
    await sql.query(`UPDATE "TrackingEvent" SET "eventRecordedAt" = '0001-06-01 00:00:00+00 BC' WHERE "eventId" = 'p3-1-0'`);
    await sql.query(`UPDATE "Carton" SET "estimatedDeliveryDate" = '0005-03-01 00:00:00+00 BC' WHERE "trackingNumber" = '1ZPLAN3C1'`);
    await sql.end();
  });
  afterAll(async () => {
    await normal?.close();
    await normalDb?.db.$disconnect();
    await planned?.close();
  });

  /** Both answers; the planned one's statements. */
  async function both(query: string, variables?: Record<string, unknown>, headers = auth) {
    await post(planned.url, headers, "{ __typename }"); // the credential lookup is not the query's work
    planned.statements.length = 0;
    const viaPlan = await post(planned.url, headers, query, variables);
    const statements = [...planned.statements];
    const viaNormal = await post(normalUrl, headers, query, variables);
    expect(viaPlan).toEqual(viaNormal);
    return { answer: viaPlan, statements };
  }

  async function expectPlanned(query: string, variables?: Record<string, unknown>, headers = auth) {
    const { answer, statements } = await both(query, variables, headers);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^\/\* readPlan:/);
    return JSON.parse(answer.body);
  }

  it("answers the bench's nested query and GraphiQL's example from one planned statement, as the normal path does", async () => {
    const nested = await expectPlanned(NESTED_QUERY, { first: 20 });
    expect(nested.data.shipments.nodes).toHaveLength(20);
    expect(nested.data.shipments.nodes.some((s: any) => s.cartons.length === 0)).toBe(true);
    const cartonOf = (data: any) => data.shipments.nodes.find((s: any) => s.cartons.length).cartons[0];
    expect(cartonOf(nested.data).trackingEvents).toHaveLength(4);
    const example = await expectPlanned(EXAMPLE_QUERY);
    expect(cartonOf(example.data).trackingEvents).toHaveLength(3);
  });

  it("writes every exposed column as the normal path does: nulls, empty lists, decimals without trailing zeros, year-0 instants", async () => {
    const { data } = await expectPlanned(EVERY_COLUMN, { first: 25 });
    const items = data.shipments.nodes.flatMap((s: any) => s.cartons.flatMap((c: any) => c.items));
    expect(new Set(items.map((i: any) => i.refundAmount))).toEqual(new Set(["12.5", "100", "0.0001", "7.1234", null]));
    const events = data.shipments.nodes.flatMap((s: any) => s.cartons.flatMap((c: any) => c.trackingEvents));
    expect(events.map((e: any) => e.eventRecordedAt)).toContain("0000-01-01T00:00:00.000Z");
    expect(
      data.shipments.nodes.flatMap((s: any) => s.cartons).some((c: any) => c.items.length === 0 && c.trackingEvents.length === 0),
    ).toBe(true);
  });

  it("flattens aliases, fragments, @include/@skip and __typename as graphql-js does", async () => {
    for (const variables of [
      { withItems: true, skipEvents: false, last: 2 },
      { withItems: false, skipEvents: true },
      { withItems: true, skipEvents: false, last: 0 },
      { withItems: true, skipEvents: false, last: null },
    ]) {
      const { data } = await expectPlanned(MIXED, variables);
      expect(data.list.edges).toHaveLength(3);
      const carton = data.list.edges.find((e: any) => e.node.cartons.length).node.cartons[0];
      expect("items" in carton).toBe(variables.withItems);
      expect(carton.trackingEvents?.length).toBe(variables.skipEvents ? undefined : variables.last || 4);
    }
  });

  it("pages on with the cursors it returns, and leaves bad or foreign cursors to the normal path's errors", async () => {
    let after: string | undefined;
    const seen: string[] = [];
    for (let page = 0; page < 3; page++) {
      const { data } = await expectPlanned(PAGE, { first: 10, after });
      seen.push(...data.shipments.edges.map((e: any) => e.node.id));
      after = data.shipments.pageInfo.endCursor;
      expect(data.shipments.pageInfo.hasPreviousPage).toBe(page > 0);
      expect(data.shipments.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(new Set(seen).size).toBe(25);
    // The last page is full only up to 25; past it the page is empty, which the normal path answers.
    // Neither first nor last: the default page size.
    expect((await expectPlanned(PAGE, {})).data.shipments.edges).toHaveLength(20);
    const { answer: empty, statements } = await both(PAGE, { first: 10, after });
    expect(JSON.parse(empty.body).data.shipments.edges).toEqual([]);
    expect(statements.length).toBeGreaterThan(1);
    const foreign = JSON.parse((await post(planned.url, otherAuth, PAGE, { first: 1 })).body).data.shipments.pageInfo.endCursor;
    for (const variables of [{ first: 5, after: foreign }, { first: 5, after: "nonsense" }, { first: 101 }, { first: -1 }]) {
      const { answer } = await both(PAGE, variables);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("reads one shipment by id and by number, and leaves NOT_FOUND (another tenant's id too) to the normal path", async () => {
    const { data } = await expectPlanned(ONE, { id: firstId, number: "P1" });
    expect(data.shipment.id).toBe(firstId);
    expect(data.byNumber.__typename).toBe("Shipment");
    for (const id of [otherShipmentId, "ship_missing", "xyz"]) {
      const { answer } = await both(BY_ID, { id });
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("NOT_FOUND");
    }
    const { answer: tooLong } = await both(BY_ID, { id: "x".repeat(300) });
    expect(JSON.parse(tooLong.body).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const { answer: badLast } = await both(`{ shipment(id: "${firstId}") { cartons { trackingEvents(last: -1) { id } } } }`);
    expect(JSON.parse(badLast.body).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("leaves what it does not plan to the normal path, which still answers it", async () => {
    for (const query of NOT_PLANNED) {
      const { answer, statements } = await both(query);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).errors).toBeUndefined();
      expect(statements.some((s) => s.includes("readPlan"))).toBe(false);
    }
  });
});
