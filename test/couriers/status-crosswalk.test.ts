/**
 * The canonical vocabulary is AfterShip's published sub-statuses, and every connector's codes land
 * on it: one table per courier (code, words → status, substatus), plus the word rules, each of which
 * must classify its own examples (no earlier rule shadows it).
 */
import { describe, expect, it } from "vitest";
import { AFTERSHIP_TAGS } from "../../src/couriers/aftership.js";
import { DHL_CODES } from "../../src/couriers/dhl.js";
import { FEDEX_CODES } from "../../src/couriers/fedex.js";
import { classify, type StatusCodeTable } from "../../src/couriers/status-codes.js";
import { UPS_TYPES } from "../../src/couriers/ups.js";
import { USPS_CATEGORIES, USPS_CODES } from "../../src/couriers/usps.js";
import { TrackingStatus } from "../../src/generated/prisma/enums.js";
import { bySubstatus, EASYPOST_STATUSES, normalizeEventWords, SUBSTATUS, WORD_RULES } from "../../src/tracking/status.js";

describe("the substatus vocabulary", () => {
  it("is AfterShip's 2025-04 list of sub-statuses, lower-cased", () => {
    const range = (tag: string, numbers: number[]) => numbers.map((n) => `${tag}_${String(n).padStart(3, "0")}`);
    expect(Object.keys(SUBSTATUS).sort()).toEqual(
      [
        ...range("pending", [1, 2, 3, 4, 5, 6]),
        ...range("info_received", [1]),
        ...range("in_transit", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        ...range("out_for_delivery", [1, 3, 4]),
        ...range("available_for_pickup", [1]),
        ...range("attempt_fail", [1, 2, 3]),
        ...range("delivered", [1, 2, 3, 4]),
        ...range("exception", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
        ...range("expired", [1]),
      ].sort(),
    );
  });

  it.each([
    ["delivered_004", "Package delivered to the customer and cash collected on delivery"],
    ["exception_004", "Package delayed due to some issues during the customs clearance"],
    ["exception_012", "Shipment damaged"],
    ["exception_013", "Delivery of the package failed as it got lost"],
    ["in_transit_007", "Package departed from the facility"],
  ])("gives %s AfterShip's meaning", (code, meaning) => {
    expect(SUBSTATUS[code as keyof typeof SUBSTATUS]).toBe(meaning);
  });

  it("files each substatus under its tag, and returns as their own lifecycle", () => {
    for (const code of Object.keys(SUBSTATUS) as (keyof typeof SUBSTATUS)[]) {
      const { status } = bySubstatus(code);
      expect(Object.values(TrackingStatus)).toContain(status);
      if (code === "exception_010") expect(status).toBe("RETURNING");
      else if (code === "exception_011") expect(status).toBe("RETURNED");
      else expect(code.startsWith(`${status.toLowerCase()}_`)).toBe(true);
    }
  });
});

describe("word rules", () => {
  it.each(
    WORD_RULES.flatMap((rule) => rule.examples.map((example) => [example, rule.substatus] as const)),
  )("classify %j by their own rule as %s (no earlier rule shadows it)", (example, substatus) => {
    expect(normalizeEventWords(example).substatus).toBe(substatus);
  });

  it.each([
    ["Cleared customs", "IN_TRANSIT", "in_transit_005"],
    ["Shipment cancelled", "PENDING", "pending_004"],
    ["Pre-Shipment Info Sent to USPS", "INFO_RECEIVED", "info_received_001"],
    ["Alert", "EXCEPTION", "exception_001"],
    ["Returned to sender", "RETURNED", "exception_011"],
    ["Departed from Facility", "IN_TRANSIT", "in_transit_007"],
    ["Scanned somewhere", "IN_TRANSIT", "in_transit_001"],
  ])("read %j as %s %s", (words, status, substatus) => {
    expect(normalizeEventWords(words)).toEqual({ status, substatus });
  });

  it("only ever name known substatuses", () => {
    for (const rule of WORD_RULES) expect(Object.keys(SUBSTATUS)).toContain(rule.substatus);
  });
});

type Row = readonly [code: string, words: string, status: string, substatus: string];

/** Each courier's crosswalk: every code in its table is covered, and the rows hold with real wording. */
const CROSSWALKS: ReadonlyArray<{ courier: string; table: StatusCodeTable; rows: Row[] }> = [
  {
    courier: "UPS activity types",
    table: UPS_TYPES,
    rows: [
      ["M", "Shipper created a label, UPS has not received the package yet.", "INFO_RECEIVED", "info_received_001"],
      ["MV", "Manifest voided", "PENDING", "pending_004"],
      ["NA", "Not available", "PENDING", "pending_001"],
      ["P", "Pickup Scan", "IN_TRANSIT", "in_transit_002"],
      ["I", "Arrived at Facility", "IN_TRANSIT", "in_transit_003"],
      ["I", "Out For Delivery Today", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
      ["W", "Warehouse scan", "IN_TRANSIT", "in_transit_003"],
      ["DO", "Delivered to origin CFS", "IN_TRANSIT", "in_transit_003"],
      ["DD", "Delivered to destination CFS", "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
      ["O", "Out For Delivery", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
      ["D", "Delivered", "DELIVERED", "delivered_001"],
      [
        "X",
        "The receiver was not available for delivery. We'll make a second attempt the next business day.",
        "ATTEMPT_FAIL",
        "attempt_fail_002",
      ],
      ["X", "Your package was released by the clearing agency; cleared customs", "IN_TRANSIT", "in_transit_005"],
      ["X", "Exception", "EXCEPTION", "exception_001"],
      ["RS", "Returned to shipper", "RETURNED", "exception_011"],
    ],
  },
  {
    courier: "FedEx status codes",
    table: FEDEX_CODES,
    rows: [
      ["OC", "Shipment information sent to FedEx", "INFO_RECEIVED", "info_received_001"],
      ["IN", "Initiated", "INFO_RECEIVED", "info_received_001"],
      ["AP", "At Pickup", "INFO_RECEIVED", "info_received_001"],
      ["EP", "Enroute to Pickup", "INFO_RECEIVED", "info_received_001"],
      ["DS", "Vehicle dispatched", "INFO_RECEIVED", "info_received_001"],
      ["CA", "Shipment cancelled", "PENDING", "pending_004"],
      ["PU", "Picked up", "IN_TRANSIT", "in_transit_002"],
      ["PX", "Picked up", "IN_TRANSIT", "in_transit_002"],
      ["IT", "In transit", "IN_TRANSIT", "in_transit_001"],
      ["IX", "In transit", "IN_TRANSIT", "in_transit_001"],
      ["EA", "Enroute to Airport", "IN_TRANSIT", "in_transit_001"],
      ["EO", "Enroute to Origin Airport", "IN_TRANSIT", "in_transit_001"],
      ["PF", "Plane in Flight", "IN_TRANSIT", "in_transit_001"],
      ["PL", "Plane Landed", "IN_TRANSIT", "in_transit_001"],
      ["PM", "In Progress", "IN_TRANSIT", "in_transit_001"],
      ["SP", "Split Status", "IN_TRANSIT", "in_transit_001"],
      ["TR", "Transfer", "IN_TRANSIT", "in_transit_001"],
      ["OX", "Shipment information sent to USPS", "IN_TRANSIT", "in_transit_001"],
      ["AA", "At Airport", "IN_TRANSIT", "in_transit_003"],
      ["AC", "At Canada Post facility", "IN_TRANSIT", "in_transit_003"],
      ["AD", "At Delivery", "IN_TRANSIT", "in_transit_003"],
      ["AF", "At local FedEx facility", "IN_TRANSIT", "in_transit_003"],
      ["AR", "Arrived at FedEx location", "IN_TRANSIT", "in_transit_003"],
      ["AX", "At USPS facility", "IN_TRANSIT", "in_transit_003"],
      ["FD", "At FedEx destination facility", "IN_TRANSIT", "in_transit_003"],
      ["OF", "At FedEx origin facility", "IN_TRANSIT", "in_transit_003"],
      ["SF", "At Sort Facility", "IN_TRANSIT", "in_transit_003"],
      ["DP", "Left FedEx origin facility", "IN_TRANSIT", "in_transit_007"],
      ["LO", "Left Origin", "IN_TRANSIT", "in_transit_007"],
      ["CP", "Clearance in progress", "IN_TRANSIT", "in_transit_006"],
      ["CC", "International shipment release - Import", "IN_TRANSIT", "in_transit_005"],
      ["CH", "Location Changed", "IN_TRANSIT", "in_transit_009"],
      ["OD", "On FedEx vehicle for delivery", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
      ["ED", "Enroute to Delivery", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
      ["HL", "Hold at Location", "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
      ["HP", "Ready for recipient pickup", "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
      ["DE", "Delivery exception: customer not available or business closed", "ATTEMPT_FAIL", "attempt_fail_003"],
      ["DL", "Delivered", "DELIVERED", "delivered_001"],
      ["CD", "Clearance delay", "EXCEPTION", "exception_004"],
      ["DY", "Delay", "EXCEPTION", "exception_005"],
      ["DD", "Delivery Delay", "EXCEPTION", "exception_005"],
      ["PD", "Pickup Delay", "EXCEPTION", "exception_005"],
      ["SE", "Shipment exception", "EXCEPTION", "exception_001"],
      ["RS", "Return to shipper", "RETURNING", "exception_010"],
    ],
  },
  {
    courier: "USPS event codes",
    table: USPS_CODES,
    rows: [
      ["GX", "Shipping Label Created, USPS Awaiting Item", "INFO_RECEIVED", "info_received_001"],
      ["MA", "Pre-Shipment Info Sent to USPS", "INFO_RECEIVED", "info_received_001"],
      ["03", "Accepted at USPS Origin Facility", "IN_TRANSIT", "in_transit_002"],
      ["OA", "USPS in possession of item", "IN_TRANSIT", "in_transit_002"],
      ["10", "Processed Through USPS Facility", "IN_TRANSIT", "in_transit_003"],
      ["07", "Arrived at Post Office", "IN_TRANSIT", "in_transit_003"],
      ["PC", "Sorting Complete", "IN_TRANSIT", "in_transit_003"],
      ["SF", "Departed Post Office", "IN_TRANSIT", "in_transit_007"],
      ["T1", "Departed USPS Regional Facility", "IN_TRANSIT", "in_transit_007"],
      ["OF", "Out for Delivery", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
      ["16", "Available for Pickup", "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
      ["02", "Notice Left (No Authorized Recipient Available)", "ATTEMPT_FAIL", "attempt_fail_001"],
      ["52", "Notice Left (Receptacle Full/Item Oversized)", "ATTEMPT_FAIL", "attempt_fail_001"],
      ["01", "Delivered, In/At Mailbox", "DELIVERED", "delivered_001"],
      ["17", "Picked Up by Agent", "DELIVERED", "delivered_002"],
      ["04", "Refused", "EXCEPTION", "exception_003"],
      ["05", "Undeliverable as Addressed", "EXCEPTION", "exception_007"],
      ...["09", "21", "22", "23", "24", "25", "26", "27", "28", "29", "31"].map(
        (code) => [code, "Return to Sender", "RETURNING", "exception_010"] as const,
      ),
    ],
  },
  {
    courier: "USPS status categories",
    table: USPS_CATEGORIES,
    rows: [
      ["Pre-Shipment", "Pre-Shipment Info Sent to USPS", "INFO_RECEIVED", "info_received_001"],
      ["Accepted", "Accepted at USPS Origin Facility", "IN_TRANSIT", "in_transit_002"],
      ["In Transit", "In Transit to Next Facility", "IN_TRANSIT", "in_transit_001"],
      ["In-Transit", "Arrived at USPS Regional Facility", "IN_TRANSIT", "in_transit_003"],
      ["Out for Delivery", "Out for Delivery", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
      ["Available for Pickup", "Available for Pickup", "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
      ["Delivery Attempt", "Notice Left (No Authorized Recipient Available)", "ATTEMPT_FAIL", "attempt_fail_001"],
      ["Delivered", "Delivered, In/At Mailbox", "DELIVERED", "delivered_001"],
      ["Alert", "Alert", "EXCEPTION", "exception_001"],
      ["Alert", "Insufficient Address", "EXCEPTION", "exception_007"],
      ["Return to Sender", "Return to Sender", "RETURNING", "exception_010"],
    ],
  },
  {
    courier: "DHL unified status codes",
    table: DHL_CODES,
    rows: [
      [
        "pre-transit",
        "The instruction data for this shipment have been provided by the sender to DHL electronically",
        "INFO_RECEIVED",
        "info_received_001",
      ],
      ["transit", "The shipment has been processed in the parcel center", "IN_TRANSIT", "in_transit_001"],
      ["transit", "Cleared customs", "IN_TRANSIT", "in_transit_005"],
      ["delivered", "The shipment has been successfully delivered", "DELIVERED", "delivered_001"],
      [
        "failure",
        "The shipment could not be delivered, and the recipient has been notified. A delivery attempt",
        "ATTEMPT_FAIL",
        "attempt_fail_001",
      ],
      ["failure", "Shipment damaged", "EXCEPTION", "exception_012"],
      ["unknown", "", "PENDING", "pending_001"],
    ],
  },
  {
    courier: "AfterShip tags (subtags outside the 2025-04 list)",
    table: AFTERSHIP_TAGS,
    rows: [
      ["Pending", "", "PENDING", "pending_001"],
      ["InfoReceived", "", "INFO_RECEIVED", "info_received_001"],
      ["InTransit", "", "IN_TRANSIT", "in_transit_001"],
      ["OutForDelivery", "", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
      ["AvailableForPickup", "", "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
      ["AttemptFail", "", "ATTEMPT_FAIL", "attempt_fail_001"],
      ["Delivered", "", "DELIVERED", "delivered_001"],
      ["Exception", "Delayed (Extreme weather)", "EXCEPTION", "exception_005"],
      ["Expired", "", "EXPIRED", "expired_001"],
    ],
  },
];

describe.each(CROSSWALKS)("$courier", ({ table, rows }) => {
  it("covers every code in the table", () => {
    expect(new Set(rows.map(([code]) => code))).toEqual(new Set(Object.keys(table)));
  });

  it.each(rows)("%s %j → %s %s", (code, words, status, substatus) => {
    expect(classify(table, code, words)).toEqual({ status, substatus });
  });
});

describe("EasyPost statuses", () => {
  it.each([
    ["unknown", "PENDING", "pending_001"],
    ["pre_transit", "INFO_RECEIVED", "info_received_001"],
    ["in_transit", "IN_TRANSIT", "in_transit_001"],
    ["out_for_delivery", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
    ["available_for_pickup", "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
    ["delivered", "DELIVERED", "delivered_001"],
    ["return_to_sender", "RETURNING", "exception_010"],
    ["failure", "ATTEMPT_FAIL", "attempt_fail_001"],
    ["cancelled", "PENDING", "pending_004"],
    ["error", "EXCEPTION", "exception_001"],
  ])("%s → %s %s", (code, status, substatus) => {
    expect(Object.keys(EASYPOST_STATUSES)).toContain(code);
    expect(normalizeEventWords(code)).toEqual({ status, substatus });
  });
});
