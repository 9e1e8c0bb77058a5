/**
 * The pure status rules, one table each: how a carrier's words become a canonical status, how a
 * carton's events fold into its status, and how cartons roll up to the shipment.
 */
import { describe, expect, it } from "vitest";
import type { StatusCode, TrackingStatus } from "../../src/generated/prisma/enums.js";
import {
  advance,
  bySubstatus,
  deriveStatus,
  leastAdvanced,
  normalizeEventWords,
  rollUp,
  type Substatus,
} from "../../src/tracking/status.js";

/** A canonical status from its substatus, as the tables below write it. */
const at = (substatus: Substatus) => bySubstatus(substatus);
const statusOf = (substatus: Substatus | null) => (substatus === null ? null : at(substatus));

describe("normalizeEventWords", () => {
  it.each<[string, TrackingStatus, Substatus]>([
    // fabric's statusCode values, in any case and with stray spaces
    ["SHIPMENT_DELIVERED", "DELIVERED", "delivered_001"],
    [" shipment_delivered ", "DELIVERED", "delivered_001"],
    ["PICKUP_COMPLETED", "DELIVERED", "delivered_002"],
    ["SHIPMENT_CANCELLED", "PENDING", "pending_004"],
    ["SHIPMENT_RETURN_PENDING", "RETURNING", "exception_010"],
    ["SHIPMENT_RETURN_RECEIVED", "RETURNED", "exception_011"],
    // EasyPost's tracker statuses, as EasyPost spells them
    ["pre_transit", "INFO_RECEIVED", "info_received_001"],
    ["return_to_sender", "RETURNING", "exception_010"],
    ["failure", "ATTEMPT_FAIL", "attempt_fail_001"],
    // free words: underscores and dashes read as spaces, case ignored
    ["Out_For-Delivery", "OUT_FOR_DELIVERY", "out_for_delivery_001"],
    ["DELIVERED", "DELIVERED", "delivered_001"],
    ["Delivered to shipper", "RETURNED", "exception_011"],
    // a scan nobody has words for is still a scan: on the way
    ["Scan at Mars base", "IN_TRANSIT", "in_transit_001"],
    ["Code 42", "IN_TRANSIT", "in_transit_001"],
  ])("reads %j as %s (%s)", (words, status, substatus) => {
    expect(normalizeEventWords(words)).toEqual({ status, substatus });
  });
});

describe("advance and deriveStatus", () => {
  it.each<[Substatus | null, Substatus, Substatus]>([
    [null, "in_transit_002", "in_transit_002"],
    ["in_transit_002", "exception_001", "exception_001"],
    ["exception_001", "in_transit_008", "in_transit_008"],
    // a late scan on the way never undoes a delivery
    ["delivered_001", "in_transit_001", "delivered_001"],
    ["delivered_001", "exception_005", "delivered_001"],
    ["delivered_001", "delivered_003", "delivered_001"],
    // unless a return starts
    ["delivered_001", "exception_010", "exception_010"],
    ["exception_010", "exception_011", "exception_011"],
    // returned is final
    ["exception_011", "in_transit_001", "exception_011"],
    ["exception_011", "delivered_001", "exception_011"],
  ])("%s then %s is %s", (current, next, expected) => {
    expect(advance(statusOf(current), at(next))).toEqual(at(expected));
  });

  it.each<[string, Substatus[], Substatus | null]>([
    ["no events", [], null],
    ["picked up, delivered, then a late in-transit scan", ["in_transit_002", "delivered_001", "in_transit_003"], "delivered_001"],
    ["delivered, then returned to sender", ["delivered_001", "exception_010", "exception_011"], "exception_011"],
    ["an exception that resolves", ["in_transit_002", "exception_005", "in_transit_008"], "in_transit_008"],
  ])("folds %s", (_name, events, expected) => {
    expect(deriveStatus(events.map(at))).toEqual(statusOf(expected));
  });
});

describe("leastAdvanced", () => {
  it.each<[(Substatus | null)[], Substatus | null]>([
    [[], null],
    [[null], null],
    [[null, "delivered_001"], "delivered_001"],
    [["delivered_001", "in_transit_001"], "in_transit_001"],
    [["delivered_001", "expired_001"], "expired_001"],
    [["exception_011", "delivered_001"], "delivered_001"],
    // equally far along: the first one stands
    [["exception_001", "in_transit_001"], "exception_001"],
  ])("of %j is %s", (statuses, expected) => {
    expect(leastAdvanced(statuses.map(statusOf))).toEqual(statusOf(expected));
  });
});

describe("rollUp", () => {
  it.each<[string, StatusCode, (Substatus | null)[], StatusCode, Substatus | null]>([
    ["no cartons", "SHIPMENT_CREATED", [], "SHIPMENT_CREATED", null],
    ["no carton tracked yet", "SHIPMENT_CREATED", [null, null], "SHIPMENT_CREATED", null],
    [
      "on the way: statusCode stays, trackingStatus says where",
      "SHIPMENT_CREATED",
      ["in_transit_002"],
      "SHIPMENT_CREATED",
      "in_transit_002",
    ],
    ["an exception on the way", "SHIPMENT_UPDATED", ["exception_001"], "SHIPMENT_UPDATED", "exception_001"],
    ["every carton delivered", "SHIPMENT_CREATED", ["delivered_001", "delivered_003"], "SHIPMENT_DELIVERED", "delivered_001"],
    ["some cartons delivered", "SHIPMENT_CREATED", ["delivered_001", "in_transit_001"], "SHIPMENT_PARTIALLY_DELIVERED", "in_transit_001"],
    ["an untracked carton is not delivered", "SHIPMENT_CREATED", ["delivered_001", null], "SHIPMENT_PARTIALLY_DELIVERED", "delivered_001"],
    ["a pickup collected", "PICKUP_CREATED", ["delivered_002"], "PICKUP_COMPLETED", "delivered_002"],
    [
      "a pickup partly collected",
      "PICKUP_CREATED",
      ["delivered_002", "available_for_pickup_001"],
      "SHIPMENT_PARTIALLY_DELIVERED",
      "available_for_pickup_001",
    ],
    [
      "one carton returning",
      "SHIPMENT_PARTIALLY_DELIVERED",
      ["exception_010", "delivered_001"],
      "SHIPMENT_RETURN_PENDING",
      "delivered_001",
    ],
    [
      "one carton returned, one delivered",
      "SHIPMENT_CREATED",
      ["exception_011", "delivered_001"],
      "SHIPMENT_RETURN_PENDING",
      "delivered_001",
    ],
    ["every carton returned", "SHIPMENT_RETURN_PENDING", ["exception_011", "exception_011"], "SHIPMENT_RETURN_RECEIVED", "exception_011"],
    ["a cancelled shipment stays cancelled", "SHIPMENT_CANCELLED", ["delivered_001"], "SHIPMENT_CANCELLED", null],
    ["a milestone is not undone by a scan on the way", "SHIPMENT_DELIVERED", ["in_transit_001"], "SHIPMENT_DELIVERED", "in_transit_001"],
  ])("%s", (_name, current, cartons, statusCode, tracking) => {
    expect(rollUp(current, cartons.map(statusOf))).toEqual({ statusCode, tracking: statusOf(tracking) });
  });
});
