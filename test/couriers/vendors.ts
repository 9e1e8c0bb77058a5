/**
 * Each HTTP courier as the contract suite sees it: how to build its adapter, the responses its
 * documentation shows (success with several events, not found, errors), and the normalized result
 * those responses must produce.
 */
import type { CourierAdapter, CourierRuntime } from "../../src/couriers/adapter.js";
import { AFTERSHIP_API_VERSION, createAftershipAdapter } from "../../src/couriers/aftership.js";
import { createDhlAdapter } from "../../src/couriers/dhl.js";
import { createFedexAdapter } from "../../src/couriers/fedex.js";
import { createUpsAdapter } from "../../src/couriers/ups.js";
import { createUspsAdapter } from "../../src/couriers/usps.js";
import type { RecordedRequest, Reply } from "./vendor-server.js";

export interface ExpectedEvent {
  event: string;
  status: string;
  substatus: string;
  eventRecordedAt: string;
  localTime?: string;
  location?: string;
}

export interface VendorCase {
  code: string;
  create(baseUrl: string, runtime?: CourierRuntime): CourierAdapter;
  /** OAuth token endpoint, for couriers that use one. */
  tokenPath?: string;
  /** Whether a request is a tracking call (as opposed to a token call). */
  isTrackingRequest(request: RecordedRequest): boolean;
  /** The credential the tracking call must carry. */
  credentialOf(request: RecordedRequest): string | undefined;
  expectedCredential: string;
  known: string;
  unknown: string;
  /** The healthy courier's answer to a tracking request. */
  answer(request: RecordedRequest): Reply;
  /** The courier's documented error body for an HTTP status. */
  errorBody(status: number): unknown;
  expected: {
    status: { status: string; substatus: string };
    expectedDelivery: string;
    signedBy: string;
    events: ExpectedEvent[];
  };
}

const oauth = { clientId: "client-id", clientSecret: "client-secret" };
export const ACCESS_TOKEN = "token-abc";
const bearer = (r: RecordedRequest) => r.headers.authorization;

const UPS_PACKAGE = {
  trackingNumber: "1Z5R89390357567127",
  deliveryDate: [{ type: "SDD", date: "20240118" }],
  deliveryTime: { type: "EOD", endTime: "200000" },
  deliveryInformation: { receivedBy: "SMITH", location: "Front Door" },
  currentStatus: { type: "D", code: "011", description: "Delivered", statusCode: "011" },
  activity: [
    {
      location: { address: { city: "Chicago", stateProvince: "IL", countryCode: "US", country: "US" } },
      status: { type: "D", code: "FS", description: "Delivered: Left at front door", statusCode: "011" },
      date: "20240117",
      time: "143000",
      gmtDate: "20240117",
      gmtTime: "193000",
      gmtOffset: "-05:00",
    },
    {
      location: { address: { city: "Chicago", stateProvince: "IL", countryCode: "US" } },
      status: { type: "I", code: "OT", description: "Out For Delivery Today", statusCode: "021" },
      date: "20240117",
      time: "081500",
      gmtDate: "20240117",
      gmtTime: "131500",
      gmtOffset: "-05:00",
    },
    {
      // An older record with only the local wall clock.
      location: { address: { city: "Hodgkins", stateProvince: "IL", countryCode: "US" } },
      status: { type: "I", code: "AR", description: "Arrived at Facility", statusCode: "005" },
      date: "20240116",
      time: "071356",
    },
    {
      location: { address: { countryCode: "US" } },
      status: { type: "M", code: "MP", description: "Shipper created a label, UPS has not received the package yet.", statusCode: "003" },
      // UPS's documented example drops gmtTime's leading zero ("74700").
      date: "20240115",
      time: "024700",
      gmtDate: "20240115",
      gmtTime: "74700",
      gmtOffset: "-05:00",
    },
  ],
};

const ups: VendorCase = {
  code: "ups",
  create: (baseUrl, runtime) => createUpsAdapter({ baseUrl, ...oauth }, runtime),
  tokenPath: "/security/v1/oauth/token",
  isTrackingRequest: (r) => r.path.startsWith("/api/track/v1/details/"),
  credentialOf: bearer,
  expectedCredential: `Bearer ${ACCESS_TOKEN}`,
  known: "1Z5R89390357567127",
  unknown: "1Z879E930346834440",
  answer: (r) =>
    r.path.endsWith("/1Z5R89390357567127")
      ? { status: 200, body: { trackResponse: { shipment: [{ inquiryNumber: "1Z5R89390357567127", package: [UPS_PACKAGE] }] } } }
      : { status: 404, body: { response: { errors: [{ code: "TW0001", message: "Tracking Information Not Found" }] } } },
  errorBody: (status) => ({
    response: { errors: [{ code: status === 401 ? "250002" : "TW0002", message: "Invalid Authentication Information." }] },
  }),
  expected: {
    status: { status: "DELIVERED", substatus: "delivered_001" },
    // The scheduled local 20:00, placed by the latest scan's gmtOffset (-05:00).
    expectedDelivery: "2024-01-19T01:00:00.000Z",
    signedBy: "SMITH",
    events: [
      {
        event: "Delivered: Left at front door",
        status: "DELIVERED",
        substatus: "delivered_001",
        eventRecordedAt: "2024-01-17T19:30:00.000Z",
        location: "Chicago, IL, US",
      },
      {
        event: "Out For Delivery Today",
        status: "OUT_FOR_DELIVERY",
        substatus: "out_for_delivery_001",
        eventRecordedAt: "2024-01-17T13:15:00.000Z",
        location: "Chicago, IL, US",
      },
      {
        event: "Arrived at Facility",
        status: "IN_TRANSIT",
        substatus: "in_transit_003",
        eventRecordedAt: "2024-01-16T07:13:56.000Z",
        localTime: "2024-01-16T07:13:56",
        location: "Hodgkins, IL, US",
      },
      {
        event: "Shipper created a label, UPS has not received the package yet.",
        status: "INFO_RECEIVED",
        substatus: "info_received_001",
        eventRecordedAt: "2024-01-15T07:47:00.000Z",
        location: "US",
      },
    ],
  },
};

const FEDEX_KNOWN = "799531274483";
const fedexScan = (date: string, eventType: string, derivedStatusCode: string, eventDescription: string) => ({
  date,
  eventType,
  eventDescription,
  derivedStatusCode,
  derivedStatus: eventDescription,
  scanLocation: {
    streetLines: [""],
    city: "SEATTLE",
    stateOrProvinceCode: "WA",
    postalCode: "98101",
    countryCode: "US",
    residential: false,
  },
  locationType: "FEDEX_FACILITY",
});

const fedex: VendorCase = {
  code: "fedex",
  create: (baseUrl, runtime) => createFedexAdapter({ baseUrl, ...oauth }, runtime),
  tokenPath: "/oauth/token",
  isTrackingRequest: (r) => r.path === "/track/v1/trackingnumbers",
  credentialOf: bearer,
  expectedCredential: `Bearer ${ACCESS_TOKEN}`,
  known: FEDEX_KNOWN,
  unknown: "477179081230",
  answer: (r) => {
    const request = JSON.parse(r.body) as { trackingInfo: { trackingNumberInfo: { trackingNumber: string } }[] };
    const completeTrackResults = request.trackingInfo.map(({ trackingNumberInfo: { trackingNumber } }) =>
      trackingNumber === FEDEX_KNOWN
        ? {
            trackingNumber,
            trackResults: [
              {
                trackingNumberInfo: { trackingNumber, carrierCode: "FDXE", trackingNumberUniqueId: "245822~799531274483~FDEG" },
                latestStatusDetail: { code: "DL", derivedCode: "DL", statusByLocale: "Delivered", description: "Delivered" },
                dateAndTimes: [
                  { type: "ACTUAL_DELIVERY", dateTime: "2024-08-12T15:18:10-05:00" },
                  { type: "ESTIMATED_DELIVERY", dateTime: "2024-08-13T00:00:00-05:00" },
                ],
                deliveryDetails: { receivedByName: "RECEIVER", signedByName: "R.SIGNER" },
                scanEvents: [
                  // FedEx's documented sample writes the offset after a space.
                  fedexScan("2024-08-12T15:18:10 -0500", "DL", "DL", "Delivered"),
                  fedexScan("2024-08-12T08:01:00-07:00", "OD", "OD", "On FedEx vehicle for delivery"),
                  fedexScan("2024-08-11T22:40:00-07:00", "AR", "IT", "Arrived at FedEx location"),
                  fedexScan("2024-08-10T12:20:26-07:00", "PU", "PU", "Picked up"),
                ],
              },
            ],
          }
        : {
            trackingNumber,
            trackResults: [
              {
                trackingNumberInfo: { trackingNumber, trackingNumberUniqueId: "", carrierCode: "" },
                error: { code: "TRACKING.TRACKINGNUMBER.NOTFOUND", message: "The tracking number you entered can't be found right now." },
              },
            ],
          },
    );
    return { status: 200, body: { transactionId: "b2ff9d63", output: { completeTrackResults } } };
  },
  errorBody: () => ({ transactionId: "b2ff9d63", errors: [{ code: "NOT.AUTHORIZED.ERROR", message: "Access token expired." }] }),
  expected: {
    status: { status: "DELIVERED", substatus: "delivered_001" },
    expectedDelivery: "2024-08-13T05:00:00.000Z",
    signedBy: "R.SIGNER",
    events: [
      {
        event: "Delivered",
        status: "DELIVERED",
        substatus: "delivered_001",
        eventRecordedAt: "2024-08-12T20:18:10.000Z",
        location: "SEATTLE, WA, US",
      },
      {
        event: "On FedEx vehicle for delivery",
        status: "OUT_FOR_DELIVERY",
        substatus: "out_for_delivery_001",
        eventRecordedAt: "2024-08-12T15:01:00.000Z",
        location: "SEATTLE, WA, US",
      },
      {
        event: "Arrived at FedEx location",
        status: "IN_TRANSIT",
        substatus: "in_transit_003",
        eventRecordedAt: "2024-08-12T05:40:00.000Z",
        location: "SEATTLE, WA, US",
      },
      {
        event: "Picked up",
        status: "IN_TRANSIT",
        substatus: "in_transit_002",
        eventRecordedAt: "2024-08-10T19:20:26.000Z",
        location: "SEATTLE, WA, US",
      },
    ],
  },
};

const uspsEvent = (
  eventType: string,
  eventCode: string,
  eventTimestamp: string,
  GMTTimestamp: string | undefined,
  city: string,
  state: string,
  zip: string,
  name = "",
) => ({
  eventType,
  eventTimestamp,
  ...(GMTTimestamp ? { GMTTimestamp, GMTOffset: "-05:00" } : {}),
  eventCountry: "",
  eventCity: city,
  eventState: state,
  eventZIP: zip,
  firm: "",
  name,
  authorizedAgent: "false",
  eventCode,
});

const usps: VendorCase = {
  code: "usps",
  create: (baseUrl, runtime) => createUspsAdapter({ baseUrl, ...oauth }, runtime),
  tokenPath: "/oauth2/v3/token",
  isTrackingRequest: (r) => r.path.startsWith("/tracking/v3/tracking/") && r.query.get("expand") === "DETAIL",
  credentialOf: bearer,
  expectedCredential: `Bearer ${ACCESS_TOKEN}`,
  known: "9400111202555842332669",
  unknown: "9400111202555842332676",
  answer: (r) =>
    r.path.endsWith("/9400111202555842332669")
      ? {
          status: 200,
          body: {
            trackingNumber: "9400111202555842332669",
            statusCategory: "Delivered",
            status: "Delivered, In/At Mailbox",
            expectedDeliveryTimeStamp: "2024-03-05T20:00:00",
            trackingEvents: [
              uspsEvent(
                "Delivered, In/At Mailbox",
                "01",
                "2024-03-05T14:05:00",
                "2024-03-05T19:05:00Z",
                "BROOKLYN",
                "NY",
                "11201",
                "J SMITH",
              ),
              uspsEvent("Out for Delivery", "OF", "2024-03-05T07:10:00", "2024-03-05T12:10:00Z", "BROOKLYN", "NY", "11201"),
              uspsEvent("Arrived at Post Office", "07", "2024-03-05T06:00:00", undefined, "BROOKLYN", "NY", "11201"),
              uspsEvent(
                "Shipping Label Created, USPS Awaiting Item",
                "GX",
                "2024-03-03T10:00:00",
                "2024-03-03T15:00:00Z",
                "LOS ANGELES",
                "CA",
                "90001",
              ),
            ],
          },
        }
      : { status: 404, body: { apiVersion: "/tracking/v3", error: { code: "404", message: "Not Found" } } },
  errorBody: (status) => ({ apiVersion: "/tracking/v3", error: { code: String(status), message: "Request failed" } }),
  expected: {
    status: { status: "DELIVERED", substatus: "delivered_001" },
    // The local expectedDeliveryTimeStamp, placed by the latest event's GMTOffset (-05:00).
    expectedDelivery: "2024-03-06T01:00:00.000Z",
    signedBy: "J SMITH",
    events: [
      {
        event: "Delivered, In/At Mailbox",
        status: "DELIVERED",
        substatus: "delivered_001",
        eventRecordedAt: "2024-03-05T19:05:00.000Z",
        location: "BROOKLYN, NY, 11201",
      },
      {
        event: "Out for Delivery",
        status: "OUT_FOR_DELIVERY",
        substatus: "out_for_delivery_001",
        eventRecordedAt: "2024-03-05T12:10:00.000Z",
        location: "BROOKLYN, NY, 11201",
      },
      {
        event: "Arrived at Post Office",
        status: "IN_TRANSIT",
        substatus: "in_transit_003",
        eventRecordedAt: "2024-03-05T06:00:00.000Z",
        localTime: "2024-03-05T06:00:00",
        location: "BROOKLYN, NY, 11201",
      },
      {
        event: "Shipping Label Created, USPS Awaiting Item",
        status: "INFO_RECEIVED",
        substatus: "info_received_001",
        eventRecordedAt: "2024-03-03T15:00:00.000Z",
        location: "LOS ANGELES, CA, 90001",
      },
    ],
  },
};

const dhlEvent = (timestamp: string, statusCode: string, description: string) => ({
  timestamp,
  location: { address: { addressLocality: "Bonn", postalCode: "53113", countryCode: "DE" } },
  statusCode,
  status: description,
  description,
});

const dhl: VendorCase = {
  code: "dhl",
  create: (baseUrl, runtime) => createDhlAdapter({ baseUrl, apiKey: "dhl-key" }, runtime),
  isTrackingRequest: (r) => r.path === "/track/shipments",
  credentialOf: (r) => r.headers["dhl-api-key"] as string | undefined,
  expectedCredential: "dhl-key",
  known: "00340434292135100186",
  unknown: "00340434292135100193",
  answer: (r) => {
    if (r.query.get("trackingNumber") !== "00340434292135100186") {
      return { status: 404, body: { title: "No result found", status: 404, detail: "No shipment with given tracking number found." } };
    }
    const delivered = dhlEvent("2023-10-26T12:08:00", "delivered", "The shipment has been successfully delivered");
    return {
      status: 200,
      body: {
        shipments: [
          {
            id: "00340434292135100186",
            service: "parcel-de",
            origin: { address: { countryCode: "DE" } },
            destination: { address: { countryCode: "DE" } },
            status: delivered,
            estimatedTimeOfDelivery: "2023-10-26T18:00:00Z",
            details: {
              product: { productName: "DHL PAKET (parcel)" },
              proofOfDelivery: { timestamp: "2023-10-26T12:08:00", signed: { name: "M. MUSTERMANN" } },
            },
            events: [
              delivered,
              dhlEvent("2023-10-26T08:16:00", "transit", "The shipment has been loaded onto the delivery vehicle"),
              dhlEvent("2023-10-25T21:35:00+02:00", "transit", "The shipment has been processed in the parcel center of origin"),
              dhlEvent(
                "2023-10-24T17:02:00Z",
                "pre-transit",
                "The instruction data for this shipment have been provided by the sender to DHL electronically",
              ),
            ],
          },
        ],
      },
    };
  },
  errorBody: (status) => ({ title: status === 429 ? "Too many requests" : "Unauthorized", status, detail: "See DHL developer portal." }),
  expected: {
    status: { status: "DELIVERED", substatus: "delivered_001" },
    expectedDelivery: "2023-10-26T18:00:00.000Z",
    signedBy: "M. MUSTERMANN",
    events: [
      {
        event: "The shipment has been successfully delivered",
        status: "DELIVERED",
        substatus: "delivered_001",
        eventRecordedAt: "2023-10-26T12:08:00.000Z",
        localTime: "2023-10-26T12:08:00",
        location: "Bonn, 53113, DE",
      },
      {
        event: "The shipment has been loaded onto the delivery vehicle",
        status: "IN_TRANSIT",
        substatus: "in_transit_001",
        eventRecordedAt: "2023-10-26T08:16:00.000Z",
        localTime: "2023-10-26T08:16:00",
        location: "Bonn, 53113, DE",
      },
      {
        event: "The shipment has been processed in the parcel center of origin",
        status: "IN_TRANSIT",
        substatus: "in_transit_001",
        eventRecordedAt: "2023-10-25T19:35:00.000Z",
        location: "Bonn, 53113, DE",
      },
      {
        event: "The instruction data for this shipment have been provided by the sender to DHL electronically",
        status: "INFO_RECEIVED",
        substatus: "info_received_001",
        eventRecordedAt: "2023-10-24T17:02:00.000Z",
        location: "Bonn, 53113, DE",
      },
    ],
  },
};

const checkpoint = (checkpoint_time: string, message: string, tag: string, subtag: string, location: string | null) => ({
  slug: "usps",
  checkpoint_time,
  created_at: "2024-05-09T21:00:00+00:00",
  message,
  tag,
  subtag,
  subtag_message: message,
  location,
  city: "DALLAS",
  state: "TX",
  zip: null,
  country_region: "USA",
  country_region_name: "United States",
  raw_tag: null,
});

const aftership: VendorCase = {
  code: "aftership",
  create: (baseUrl, runtime) => createAftershipAdapter({ baseUrl, apiKey: "as-key" }, runtime),
  isTrackingRequest: (r) => r.path === `/tracking/${AFTERSHIP_API_VERSION}/trackings`,
  credentialOf: (r) => r.headers["as-api-key"] as string | undefined,
  expectedCredential: "as-key",
  known: "9405511202575421535949",
  unknown: "9405511202575421535956",
  answer: (r) => {
    const requested = (r.query.get("tracking_numbers") ?? "").split(",");
    const trackings = requested.includes("9405511202575421535949")
      ? [
          {
            id: "bff5a3bac79b472991a204172473a635",
            tracking_number: "9405511202575421535949",
            slug: "usps",
            active: false,
            tag: "Delivered",
            subtag: "Delivered_001",
            subtag_message: "Delivered",
            signed_by: "A. SIGNER",
            courier_estimated_delivery_date: {
              estimated_delivery_date: "2024-05-09",
              estimated_delivery_date_min: null,
              estimated_delivery_date_max: null,
            },
            checkpoints: [
              checkpoint(
                "2024-05-07T09:12:00-07:00",
                "Shipping Label Created",
                "InfoReceived",
                "InfoReceived_001",
                "LOS ANGELES, CA 90001",
              ),
              checkpoint("2024-05-08T06:30:00", "Arrived at USPS Regional Facility", "InTransit", "InTransit_003", null),
              checkpoint("2024-05-09T08:00:00-07:00", "Out for Delivery", "OutForDelivery", "OutForDelivery_001", null),
              checkpoint("2024-05-09T13:45:00-07:00", "Delivered, In/At Mailbox", "Delivered", "Delivered_001", null),
            ],
          },
        ]
      : [];
    return {
      status: 200,
      body: { meta: { code: 200, message: "OK" }, data: { pagination: { total: trackings.length, has_next_page: false }, trackings } },
    };
  },
  errorBody: (status) => ({
    meta: { code: status, message: status === 429 ? "You have exceeded the API call rate limit." : "Invalid API key.", type: "Error" },
    data: {},
  }),
  expected: {
    status: { status: "DELIVERED", substatus: "delivered_001" },
    expectedDelivery: "2024-05-09T00:00:00.000Z",
    signedBy: "A. SIGNER",
    events: [
      {
        event: "Shipping Label Created",
        status: "INFO_RECEIVED",
        substatus: "info_received_001",
        eventRecordedAt: "2024-05-07T16:12:00.000Z",
        location: "LOS ANGELES, CA 90001",
      },
      {
        event: "Arrived at USPS Regional Facility",
        status: "IN_TRANSIT",
        substatus: "in_transit_003",
        eventRecordedAt: "2024-05-08T06:30:00.000Z",
        localTime: "2024-05-08T06:30:00",
        location: "DALLAS, TX, USA",
      },
      {
        event: "Out for Delivery",
        status: "OUT_FOR_DELIVERY",
        substatus: "out_for_delivery_001",
        eventRecordedAt: "2024-05-09T15:00:00.000Z",
        location: "DALLAS, TX, USA",
      },
      {
        event: "Delivered, In/At Mailbox",
        status: "DELIVERED",
        substatus: "delivered_001",
        eventRecordedAt: "2024-05-09T20:45:00.000Z",
        location: "DALLAS, TX, USA",
      },
    ],
  },
};

export const VENDORS: readonly VendorCase[] = [ups, fedex, usps, dhl, aftership];
