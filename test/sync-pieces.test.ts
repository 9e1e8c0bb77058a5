/**
 * A multi-piece shipment through syncShipmentTracking, against a local server speaking UPS's Track
 * API: the lead number's answer carries every package, each package becomes its carton (created when
 * the shipment lacks it), the shipment's status comes from all of them, and who signed is stored and
 * exposed on the carton.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCourierSettings } from "../src/couriers/config.js";
import { createCourierRegistry } from "../src/couriers/registry.js";
import { startVendorServer, type VendorServer } from "./couriers/vendor-server.js";
import { CreateShipmentDocument } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";

const LEAD = "1Z5R89390357567127";
const CHILD = "1Z5R89390357567136";

const activity = (gmtDate: string, gmtTime: string, type: string, description: string) => ({
  location: { address: { city: "Chicago", stateProvince: "IL", countryCode: "US" } },
  status: { type, code: "XX", description },
  gmtDate,
  gmtTime,
});
const pkg = (trackingNumber: string, delivered: boolean) => ({
  trackingNumber,
  currentStatus: delivered ? { type: "D", description: "Delivered" } : { type: "I", description: "On the Way" },
  deliveryInformation: delivered ? { receivedBy: "SMITH" } : undefined,
  activity: [
    ...(delivered ? [activity("20240117", "193000", "D", "Delivered")] : []),
    activity("20240116", "120000", "I", "Departed from Facility"),
  ],
});

const SYNC_WITH_CARTONS = `mutation ($id: ID!) {
  syncShipmentTracking(shipmentId: $id) {
    version statusCode trackingStatus verificationStatus
    cartons { trackingNumber signedBy trackingStatus trackingEvents { event } }
  }
}`;

describe("syncShipmentTracking for a multi-piece shipment", () => {
  let vendor: VendorServer;
  let gw: TestGateway;
  let auth: Record<string, string>;
  let childDelivered = false;

  beforeAll(async () => {
    vendor = await startVendorServer((request) =>
      request.path === "/security/v1/oauth/token"
        ? { status: 200, body: { access_token: "ups-token", expires_in: 3599 } }
        : { status: 200, body: { trackResponse: { shipment: [{ package: [pkg(LEAD, true), pkg(CHILD, childDelivered)] }] } } },
    );
    const { settings } = parseCourierSettings({ UPS_BASE_URL: vendor.url, UPS_CLIENT_ID: "id", UPS_CLIENT_SECRET: "secret" });
    gw = await startTestGateway({ couriers: createCourierRegistry(settings) });
    auth = (await gw.tenant("acme")).basic;
  });
  afterAll(async () => {
    await gw.close();
    await vendor.close();
  });

  it("gives every package its carton and events, rolls the status up from all, and stores who signed", async () => {
    const input = { shipmentNumber: "MULTI-1", shipmentCourier: "ups", shipmentTrackingNumber: LEAD };
    const { id } = expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, auth)).createShipment;

    const first = await gw.graphql(SYNC_WITH_CARTONS, { id }, auth);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.syncShipmentTracking).toEqual({
      version: 2,
      statusCode: "SHIPMENT_PARTIALLY_DELIVERED",
      trackingStatus: "IN_TRANSIT",
      verificationStatus: "VERIFIED",
      cartons: [
        {
          trackingNumber: LEAD,
          signedBy: "SMITH",
          trackingStatus: "DELIVERED",
          trackingEvents: [{ event: "Departed from Facility" }, { event: "Delivered" }],
        },
        { trackingNumber: CHILD, signedBy: null, trackingStatus: "IN_TRANSIT", trackingEvents: [{ event: "Departed from Facility" }] },
      ],
    });

    childDelivered = true;
    const second = await gw.graphql(SYNC_WITH_CARTONS, { id }, auth);
    expect(second.body.data.syncShipmentTracking).toMatchObject({
      version: 3,
      statusCode: "SHIPMENT_DELIVERED",
      trackingStatus: "DELIVERED",
      cartons: [
        { trackingNumber: LEAD, signedBy: "SMITH" },
        { trackingNumber: CHILD, signedBy: "SMITH", trackingStatus: "DELIVERED" },
      ],
    });
    expect(await gw.db.carton.count({ where: { shipmentId: id } })).toBe(2);
  });
});
