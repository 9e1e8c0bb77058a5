import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShipment } from "../src/shipments/create-shipment.js";
import { seedShipmentInput } from "./support/documents.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";
import { Prisma } from "../src/generated/prisma/client.js";

const NESTED = `query ($first: Int!, $after: String, $orderBy: ShipmentOrder, $filter: ShipmentFilter) {
  shipments(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    pageInfo { endCursor }
    nodes {
      id shipmentNumber statusCode
      recipients { email name { firstName } }
      shipToAddress { city }
      cartons {
        trackingNumber trackingStatus
        items { sku fees { amount amountInCurrencies { amount currency } } giftCards { giftCardNumber } refundAmountInCurrencies { amount } }
        trackingEvents { eventId event eventRecordedAt location status substatus notes { description } }
      }
    }
  }
}`;

/**
 * The hot nested query costs a fixed number of SQL statements, however many shipments it returns:
 * plugin-prisma folds the selection into one Prisma query and relationJoins makes that one SQL
 * statement (LATERAL joins with JSON aggregation).
 */
const STATEMENTS_PER_NESTED_QUERY = 1;

describe("no N+1 in the nested shipment query", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    const viewer = { tenantId: "acme", channelId: 12 };
    const base = seedShipmentInput();
    for (let i = 0; i < 50; i++) {
      const carton = (n: number) => ({
        trackingNumber: `1ZNPLUS${i}C${n}`,
        items: [
          {
            sku: `SKU${i}`,
            fees: [{ amount: new Prisma.Decimal(1), amountInCurrencies: [{ currency: "USD", amount: new Prisma.Decimal(1) }] }],
          },
        ],
        tracking: [
          { event: "picked up", eventId: `e${i}-${n}-1`, eventRecordedAt: new Date("2024-01-01T10:00:00Z"), location: "Reno, NV" },
          { event: "out for delivery", eventId: `e${i}-${n}-2`, eventRecordedAt: new Date("2024-01-02T10:00:00Z") },
        ],
      });
      await createShipment(gw.db, viewer, {
        shipmentNumber: `N${i}`,
        recipients: [{ email: base.recipients[0].email }],
        cartons: [carton(1), carton(2)],
      });
    }
  });
  afterAll(() => gw.close());

  const countStatements = async (first: number, variables: Record<string, unknown> = {}) => {
    await gw.graphql(NESTED, { first, ...variables }, auth); // warm the credential cache: count only the query's own work
    gw.statements.length = 0;
    const res = await gw.graphql(NESTED, { first, ...variables }, auth);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.shipments.nodes).toHaveLength(first);
    return [...gw.statements];
  };

  it(`issues ${STATEMENTS_PER_NESTED_QUERY} statements for 1 shipment and for 50`, async () => {
    const one = await countStatements(1);
    const fifty = await countStatements(50);
    expect(one).toHaveLength(STATEMENTS_PER_NESTED_QUERY);
    expect(fifty).toHaveLength(STATEMENTS_PER_NESTED_QUERY);
    expect(fifty[0]).toMatch(/LATERAL/i);
  });

  it("stays one statement with an orderBy, filters and a cursor", async () => {
    const list = {
      orderBy: { field: "UPDATED_AT", direction: "ASC" },
      filter: { recipientEmail: seedShipmentInput().recipients[0].email.toUpperCase(), createdAt: { from: "2000-01-01T00:00:00Z" } },
    };
    const first = await gw.graphql(NESTED, { first: 10, ...list }, auth);
    expect(first.body.errors).toBeUndefined();
    const statements = await countStatements(20, { ...list, after: first.body.data.shipments.pageInfo.endCursor });
    expect(statements).toHaveLength(STATEMENTS_PER_NESTED_QUERY);
    expect(statements[0]).toMatch(/LATERAL/i);
  });
});
