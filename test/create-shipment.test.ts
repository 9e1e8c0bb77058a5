import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mismatches, seedShipmentInput, SHIPMENT_DOCUMENT } from "./support/documents.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const CREATE = `mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { ...ShipmentDocument } } ${SHIPMENT_DOCUMENT}`;
const BY_NUMBER = `query ($n: String!) { shipmentByNumber(shipmentNumber: $n) { ...ShipmentDocument } } ${SHIPMENT_DOCUMENT}`;

describe("createShipment", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
  });
  afterAll(() => gw.close());

  it("round-trips fabric's example shipment document field by field", async () => {
    const input = seedShipmentInput();
    const created = await gw.graphql(CREATE, { input }, auth);
    expect(created.body.errors).toBeUndefined();
    const doc = created.body.data.createShipment;
    expect(mismatches(input, doc)).toEqual([]);
    expect(doc).toMatchObject({
      version: 1,
      statusCode: "SHIPMENT_CREATED",
      verificationStatus: "PENDING",
      fulfillmentMethod: "SHIPPING_PROVIDER",
    });
    expect(doc.id).toMatch(/^ship_/);
    expect(doc.cartons[0].id).toMatch(/^ctn_/);
    expect(doc.cartons[0].items[0].id).toMatch(/^itm_/);
    // The carton's "picked up" event is normalized and rolls into the carton status.
    expect(doc.cartons[0].tracking[0]).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      status: "IN_TRANSIT",
      substatus: "in_transit_002",
    });
    expect(doc.cartons[0]).toMatchObject({ trackingStatus: "IN_TRANSIT", trackingSubstatus: "in_transit_002" });
    // Money keeps its exact decimal value.
    expect(doc.cartons[0].items[0].fees[0].amount).toBe("34.56");

    const reread = await gw.graphql(BY_NUMBER, { n: input.shipmentNumber }, auth);
    expect(reread.body.data.shipmentByNumber).toEqual(doc);
  });

  it("stores sync-document fields and lower-cases the courier code", async () => {
    const res = await gw.graphql(
      CREATE,
      {
        input: {
          shipmentNumber: "S-2",
          merchantInvoiceId: "inv_1",
          fulfillmentMethod: "CUSTOMER_PICKUP",
          shipmentTrackingNumber: "1Z123E45678901234",
          shipmentCourier: "UPS",
        },
      },
      auth,
    );
    expect(res.body.data.createShipment).toMatchObject({
      merchantInvoiceId: "inv_1",
      fulfillmentMethod: "CUSTOMER_PICKUP",
      shipmentTrackingNumber: "1Z123E45678901234",
      shipmentCourier: "ups",
      trackingStatus: null,
      cartons: [],
    });
  });

  it("rejects invalid fields with BAD_USER_INPUT naming each one, and stores nothing", async () => {
    const before = await gw.db.shipment.count();
    const input = seedShipmentInput({
      shipmentNumber: "S-INVALID",
      shipToAddress: { ...seedShipmentInput().shipToAddress, countryCode: "USA", latitude: 123 },
    });
    input.cartons[0].trackingNumber = "1ZINVALID0001";
    input.cartons = [input.cartons[0], { ...structuredClone(input.cartons[0]), tracking: [] }];
    input.cartons[0].items[0].fees[0].amountInCurrencies[0].currency = "dollars";
    input.cartons[0].items[0].orderedQuantity = -1;
    const res = await gw.graphql(CREATE, { input }, auth);
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    const error = res.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    expect(error.extensions!.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "input.cartons[0].items[0].fees[0].amountInCurrencies[0].currency",
      "input.cartons[0].items[0].orderedQuantity",
      "input.cartons[1].trackingNumber",
      "input.shipToAddress.countryCode",
      "input.shipToAddress.latitude",
    ]);
    expect(await gw.db.shipment.count()).toBe(before);
  });

  it("rejects a shipment number or tracking number the tenant already uses", async () => {
    const res = await gw.graphql(CREATE, { input: seedShipmentInput() }, auth);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      details: [
        { path: "input.shipmentNumber", message: "a shipment with this number already exists" },
        { path: "input.cartons[0].trackingNumber", message: "already belongs to another shipment" },
      ],
    });
  });

  it("rejects values the schema cannot take as BAD_USER_INPUT naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ shippedAt: "2023-04-06T07:58:30" }, "input.shippedAt"], // no offset: we never invent a Z
      [{ cartons: [{ items: [{ refundAmount: "ten" }] }] }, "input.cartons[0].items[0].refundAmount"],
      [{ type: "NOPE" }, "input.type"],
      [{ cartons: [{ items: [{ itemId: "x" }] }] }, "input.cartons[0].items[0].itemId"],
    ];
    for (const [input, path] of cases) {
      const res = await gw.graphql(CREATE, { input }, auth);
      expect(res.status).toBe(400);
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error", details: [{ path }] });
    }
    for (const variables of [{}, { input: null }]) {
      const missing = await gw.graphql(CREATE, variables, auth);
      expect(missing.body.errors![0]!.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        details: [{ path: "input", message: "is required" }],
      });
    }
  });
});
