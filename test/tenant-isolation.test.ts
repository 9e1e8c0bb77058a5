import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedShipmentInput } from "./support/documents.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

describe("tenant isolation", () => {
  let gw: TestGateway;
  let a: Awaited<ReturnType<TestGateway["tenant"]>>;
  let b: Awaited<ReturnType<TestGateway["tenant"]>>;
  let shipmentId: string;
  let cartonId: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    a = await gw.tenant("tenant-a");
    b = await gw.tenant("tenant-b");
    const created = await gw.graphql(
      "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id cartons { id } } }",
      { input: seedShipmentInput({ shipmentTrackingNumber: "1ZSHIPLEVEL" }) },
      a.basic,
    );
    expect(created.body.errors).toBeUndefined();
    shipmentId = created.body.data.createShipment.id;
    cartonId = created.body.data.createShipment.cartons[0].id;
  });
  afterAll(() => gw.close());

  const lookups = [
    ["by id", "query ($v: ID!) { shipment(id: $v) { id } }", () => shipmentId, "shipment"],
    ["by number", "query ($v: String!) { shipmentByNumber(shipmentNumber: $v) { id } }", () => "78974156816152", "shipmentByNumber"],
    [
      "by carton tracking number",
      "query ($v: String!) { shipmentByTrackingNumber(trackingNumber: $v) { id } }",
      () => "1Z999AA10123456784",
      "shipmentByTrackingNumber",
    ],
    [
      "by shipment tracking number",
      "query ($v: String!) { shipmentByTrackingNumber(trackingNumber: $v) { id } }",
      () => "1ZSHIPLEVEL",
      "shipmentByTrackingNumber",
    ],
  ] as const;

  for (const [name, query, value, field] of lookups) {
    it(`owner finds it ${name}; the other tenant gets NOT_FOUND`, async () => {
      const own = await gw.graphql(query, { v: value() }, a.basic);
      expect(own.body.data[field]).toEqual({ id: shipmentId });
      const other = await gw.graphql(query, { v: value() }, b.basic);
      expect(other.status).toBe(404);
      expect(other.body.data[field]).toBeNull();
      expect(other.body.errors?.[0]).toMatchObject({
        message: "Shipment not found",
        extensions: { code: "NOT_FOUND", type: "not_found_error" },
      });
    });
  }

  it("lists and filters only show the caller's shipments", async () => {
    const query = "query ($f: ShipmentFilter) { shipments(first: 10, filter: $f) { totalCount nodes { id } } }";
    expect((await gw.graphql(query, {}, a.basic)).body.data.shipments).toEqual({ totalCount: 1, nodes: [{ id: shipmentId }] });
    expect((await gw.graphql(query, {}, b.basic)).body.data.shipments).toEqual({ totalCount: 0, nodes: [] });
    const filtered = await gw.graphql(query, { f: { trackingNumber: "1Z999AA10123456784" } }, b.basic);
    expect(filtered.body.data.shipments.totalCount).toBe(0);
  });

  it("node(id) resolves only the caller's objects", async () => {
    const query = "query ($id: ID!) { node(id: $id) { id __typename } }";
    expect((await gw.graphql(query, { id: shipmentId }, a.basic)).body.data.node).toEqual({ id: shipmentId, __typename: "Shipment" });
    expect((await gw.graphql(query, { id: cartonId }, a.basic)).body.data.node).toEqual({ id: cartonId, __typename: "Carton" });
    expect((await gw.graphql(query, { id: shipmentId }, b.basic)).body.data.node).toBeNull();
    expect((await gw.graphql(query, { id: cartonId }, b.basic)).body.data.node).toBeNull();
  });

  it("the other tenant may reuse the same shipment number and tracking number", async () => {
    const res = await gw.graphql(
      "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }",
      { input: seedShipmentInput() },
      b.basic,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.createShipment.id).not.toBe(shipmentId);
  });
});
