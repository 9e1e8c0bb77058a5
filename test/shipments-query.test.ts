/** Query.shipments: Relay pagination newest first, and each filter. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateShipmentDocument, UpdateTrackingDocument, type CreateShipmentInput } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";

const LIST = `query ($first: Int, $after: String, $filter: ShipmentFilter) {
  shipments(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { shipmentNumber }
  }
}`;

describe("shipments(first, after, filter)", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  let createdBetween: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    const create = async (input: CreateShipmentInput) => expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, auth));
    for (let i = 1; i <= 5; i++) {
      await create({ shipmentNumber: `S${i}`, shipmentCourier: i % 2 ? "ups" : "fedex", cartons: [{ trackingNumber: `1ZLIST000${i}` }] });
      if (i === 3) {
        await new Promise((r) => setTimeout(r, 20));
        createdBetween = new Date().toISOString();
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const delivered = {
      shipmentNumber: "S2",
      trackingNumber: "1ZLIST0002",
      tracking: [{ event: "Delivered", eventRecordedAt: "2024-01-01T00:00:00Z" }],
    };
    expectNoErrors(await gw.execute(UpdateTrackingDocument, { input: delivered }, auth));
  });
  afterAll(() => gw.close());

  const list = async (variables: Record<string, unknown>) => {
    const res = await gw.graphql(LIST, variables, auth);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.shipments;
  };

  it("pages newest first with cursors, without gaps or repeats", async () => {
    const page1 = await list({ first: 2 });
    expect(page1.nodes.map((n: { shipmentNumber: string }) => n.shipmentNumber)).toEqual(["S5", "S4"]);
    expect(page1).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const page2 = await list({ first: 2, after: page1.pageInfo.endCursor });
    expect(page2.nodes.map((n: { shipmentNumber: string }) => n.shipmentNumber)).toEqual(["S3", "S2"]);
    const page3 = await list({ first: 2, after: page2.pageInfo.endCursor });
    expect(page3.nodes.map((n: { shipmentNumber: string }) => n.shipmentNumber)).toEqual(["S1"]);
    expect(page3.pageInfo.hasNextPage).toBe(false);
  });

  it("filters by status code, tracking status, courier, tracking number and updatedSince", async () => {
    const numbers = async (filter: Record<string, unknown>) =>
      (await list({ first: 10, filter })).nodes.map((n: { shipmentNumber: string }) => n.shipmentNumber);
    expect(await numbers({ statusCode: ["SHIPMENT_DELIVERED"] })).toEqual(["S2"]);
    expect(await numbers({ trackingStatus: ["DELIVERED"] })).toEqual(["S2"]);
    expect(await numbers({ courier: "FEDEX" })).toEqual(["S4", "S2"]);
    expect(await numbers({ trackingNumber: "1ZLIST0003" })).toEqual(["S3"]);
    expect(await numbers({ updatedSince: createdBetween })).toEqual(["S5", "S4", "S2"]);
    expect(await numbers({ courier: "ups", statusCode: ["SHIPMENT_CREATED"] })).toEqual(["S5", "S3", "S1"]);
  });
});
