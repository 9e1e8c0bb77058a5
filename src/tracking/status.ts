/**
 * Canonical tracking status: AfterShip's tags, with lower-case substatus codes in
 * AfterShip's numbering (`delivered_001`, `exception_011`, …). Couriers and pushed events are
 * normalized onto these; shipments derive their fabric `statusCode` milestones from them. The tags
 * themselves are the `TrackingStatus` enum of prisma/schema.prisma.
 */
import type { StatusCode, TrackingStatus } from "../generated/prisma/enums.js";

export interface NormalizedStatus {
  status: TrackingStatus;
  substatus: string;
}

/**
 * AfterShip's delivery sub-statuses (Tracking API 2025-04, "Delivery Sub-statuses"), lower-cased,
 * with AfterShip's meaning. Each belongs to the tag its name starts with.
 */
export const SUBSTATUS = {
  pending_001: "No information available on the carrier website or the tracking number is yet to be tracked",
  pending_002: "The carrier has not recognised the tracking number yet",
  pending_003: "The shipment is processed and ready to be handed to the carrier",
  pending_004: "The shipment was cancelled",
  pending_005: "No recent update from the carrier",
  pending_006: "Tracking information is not available from the carrier yet",
  info_received_001: "The carrier received a request from the shipper and is about to pick up the shipment",
  in_transit_001: "Shipment on the way",
  in_transit_002: "Shipment accepted by the carrier",
  in_transit_003: "Shipment arrived at a hub or sorting center",
  in_transit_004: "International shipment arrived at the destination country",
  in_transit_005: "Customs clearance completed",
  in_transit_006: "Package handed over to customs for clearance",
  in_transit_007: "Package departed from the facility",
  in_transit_008: "Problem resolved and shipment in transit",
  in_transit_009: "Shipment forwarded to a different delivery address",
  out_for_delivery_001: "The package is out for delivery",
  out_for_delivery_003: "The customer is contacted before the final delivery",
  out_for_delivery_004: "A delivery appointment is scheduled",
  available_for_pickup_001: "The package arrived at a pickup point near you and is available for pickup",
  attempt_fail_001: "The delivery of the package failed due to some reason; the courier usually leaves a notice and will try again",
  attempt_fail_002: "Recipient not available at the given address",
  attempt_fail_003: "Business is closed at the time of delivery",
  delivered_001: "Shipment delivered successfully",
  delivered_002: "Package picked up by the customer",
  delivered_003: "Package delivered to and signed by the customer",
  delivered_004: "Package delivered to the customer and cash collected on delivery",
  exception_001: "Delivery of the package failed due to some shipping exception",
  exception_002: "Delivery of the package failed as the customer relocated",
  exception_003: "Delivery of the package failed as the recipient refused to take the package",
  exception_004: "Package delayed due to some issues during the customs clearance",
  exception_005: "Package delayed due to some unforeseen reasons",
  exception_006: "The package is being held due to pending payment from the customer's end",
  exception_007: "Package not delivered due to incorrect recipient address",
  exception_008: "Package available for pickup but not collected by the customer",
  exception_009: "Package rejected by the carrier due to noncompliance with its guidelines",
  exception_010: "The package is on its way back to the sender",
  exception_011: "The return package has been successfully received by the sender",
  exception_012: "Shipment damaged",
  exception_013: "Delivery of the package failed as it got lost",
  expired_001: "No tracking information of the shipment for a long time",
} as const;
export type Substatus = keyof typeof SUBSTATUS;

// AfterShip files returns under Exception; we track them as their own lifecycle, so a late
// in-transit scan cannot undo a return and the shipment can say "return pending/received".
const RETURN_SUBSTATUSES: Partial<Record<Substatus, TrackingStatus>> = { exception_010: "RETURNING", exception_011: "RETURNED" };

/** The canonical status a substatus belongs to: its AfterShip tag, with returns as their own. */
export function bySubstatus(substatus: Substatus): NormalizedStatus {
  const status = RETURN_SUBSTATUSES[substatus] ?? (substatus.slice(0, -4).toUpperCase() as TrackingStatus);
  return { status, substatus };
}

/** Whether a string is one of AfterShip's substatus codes (lower case). */
export function isSubstatus(code: string): code is Substatus {
  return Object.hasOwn(SUBSTATUS, code);
}

/**
 * The word rules, first match wins, each with phrases it must classify: a test proves that no
 * earlier rule captures any of them, so no rule shadows another. Specific phrases come before the
 * general words they contain ("returned to sender" before "delivered", "cleared customs" before
 * "customs", "shipment cancelled" before anything in transit).
 */
export const WORD_RULES: ReadonlyArray<{ pattern: RegExp; substatus: Substatus; examples: readonly string[] }> = [
  {
    pattern: /returned to (the )?(sender|shipper)|return (received|completed)|delivered to (the )?(sender|shipper)/,
    substatus: "exception_011",
    examples: ["Returned to sender", "Return received by shipper", "Delivered to shipper"],
  },
  {
    pattern: /return(ing)? to (the )?(sender|shipper)|being returned|return (initiated|in transit|started)|\brts\b/,
    substatus: "exception_010",
    examples: ["Returning to sender: addressee unknown", "Return to Sender", "Shipment is being returned"],
  },
  {
    pattern: /cancel+ed|\bvoided\b/,
    substatus: "pending_004",
    examples: ["Shipment cancelled", "Label voided", "Order canceled by shipper"],
  },
  { pattern: /\bexpired?\b/, substatus: "expired_001", examples: ["Tracking expired"] },
  { pattern: /\blost\b|missing/, substatus: "exception_013", examples: ["Package lost", "Missing mail search opened"] },
  { pattern: /damage/, substatus: "exception_012", examples: ["Package damaged", "Damage reported"] },
  {
    pattern: /customer moved|(recipient|addressee) (has )?moved|moved,? left no address/,
    substatus: "exception_002",
    examples: ["Customer moved", "Moved, left no address"],
  },
  { pattern: /refused/, substatus: "exception_003", examples: ["Delivery refused by recipient", "Refused"] },
  {
    pattern:
      /(incorrect|insufficient|incomplete|wrong|bad) address|address (problem|incorrect|unknown|error)|addressee unknown|no such (number|street)/,
    substatus: "exception_007",
    examples: ["Incorrect address", "Insufficient address", "Address problem"],
  },
  {
    pattern: /(held|awaiting|pending) (for )?payment|duties (and taxes )?(due|owed|unpaid)|payment required/,
    substatus: "exception_006",
    examples: ["Held for payment", "Duties owed by recipient"],
  },
  {
    pattern: /not (picked up|collected)|unclaimed|pick ?up missed/,
    substatus: "exception_008",
    examples: ["Unclaimed", "Not picked up by recipient"],
  },
  {
    pattern: /rejected by (the )?carrier|noncompliance|non-compliance|prohibited/,
    substatus: "exception_009",
    examples: ["Rejected by carrier", "Prohibited item"],
  },
  {
    pattern:
      /cleared customs|customs (clearance )?(cleared|complete)|clearance (complete|processing complete)|released by (customs|clearing agency)/,
    substatus: "in_transit_005",
    examples: ["Cleared customs", "Customs clearance complete", "Released by Clearing Agency. Now in-transit for delivery."],
  },
  {
    pattern: /customs.*(delay|held|hold)|(delay|held|hold).*customs|clearance delay/,
    substatus: "exception_004",
    examples: ["Clearance delay", "Held by customs", "Customs delay"],
  },
  {
    pattern: /customs|clearance/,
    substatus: "in_transit_006",
    examples: ["Handed over to customs", "Clearance in progress", "Processing through customs"],
  },
  { pattern: /appointment/, substatus: "out_for_delivery_004", examples: ["Delivery appointment scheduled"] },
  {
    pattern: /out for delivery|on (the )?vehicle for delivery|with delivery courier/,
    substatus: "out_for_delivery_001",
    examples: ["Out For Delivery Today", "On vehicle for delivery"],
  },
  {
    pattern: /(customer|recipient|consignee) (contacted|called)/,
    substatus: "out_for_delivery_003",
    examples: ["Customer contacted before delivery"],
  },
  {
    pattern:
      /(available|ready) for (recipient )?(pick ?up|collection)|held at .*(location|office|point)|hold at location|awaiting collection/,
    substatus: "available_for_pickup_001",
    examples: ["Available for Pickup", "Ready for recipient pickup", "Held at post office"],
  },
  { pattern: /business closed/, substatus: "attempt_fail_003", examples: ["Delivery attempted: business closed"] },
  {
    pattern: /(recipient|customer|receiver) (was |is )?(not available|unavailable|not home)|no one (home|available)/,
    substatus: "attempt_fail_002",
    examples: ["Delivery attempted: recipient not available", "No one home"],
  },
  { pattern: /attempt|missed delivery|notice left/, substatus: "attempt_fail_001", examples: ["Delivery Attempt", "Notice left"] },
  {
    pattern: /undeliverable|not delivered|delivery (exception|failed)/,
    substatus: "exception_001",
    examples: ["Undeliverable as addressed", "Delivery exception"],
  },
  {
    pattern: /picked up by (the )?(customer|recipient)|collected by/,
    substatus: "delivered_002",
    examples: ["Picked up by customer", "Collected by recipient"],
  },
  { pattern: /signed/, substatus: "delivered_003", examples: ["Delivered, signed for by J. DOE", "Signed for"] },
  { pattern: /cash on delivery|\bcod\b collected/, substatus: "delivered_004", examples: ["Delivered, cash on delivery collected"] },
  {
    pattern: /deliver(ed|y (complete|successful))/,
    substatus: "delivered_001",
    examples: ["Delivered", "Delivered, left at front door", "Delivery complete"],
  },
  { pattern: /problem resolved|resolved/, substatus: "in_transit_008", examples: ["Problem resolved"] },
  { pattern: /delay/, substatus: "exception_005", examples: ["Weather delay", "Delayed"] },
  {
    pattern: /exception|held|problem|incident|\balert\b/,
    substatus: "exception_001",
    examples: ["Shipment exception", "Alert", "Incident reported"],
  },
  { pattern: /forwarded|redirected|rerouted/, substatus: "in_transit_009", examples: ["Forwarded", "Rerouted to new address"] },
  {
    pattern: /picked up|pickup (scan|complete)|accepted|tendered|received by (the )?carrier|origin scan|shipment received/,
    substatus: "in_transit_002",
    examples: ["Picked up", "Accepted at USPS origin facility", "Origin Scan"],
  },
  {
    pattern:
      /label (created|printed)|created a label|shipping label|info(rmation)? (received|sent)|pre.?shipment|pre.?transit|electronic (notification|shipment information)|manifest|shipment (created|information)|order processed/,
    substatus: "info_received_001",
    examples: ["Shipping label created", "Pre-Shipment", "Shipper created a label, UPS has not received the package yet."],
  },
  { pattern: /arrived (in|at) (the )?destination country/, substatus: "in_transit_004", examples: ["Arrived in destination country"] },
  {
    pattern: /arriv|hub|sort|processed at/,
    substatus: "in_transit_003",
    examples: ["Arrived at Facility", "Processed at LEIPZIG - GERMANY", "Arrived at destination facility"],
  },
  {
    pattern: /depart|\bleft\b.*(facility|origin)/,
    substatus: "in_transit_007",
    examples: ["Departed from Facility", "Left FedEx origin facility"],
  },
  { pattern: /pending|awaiting|no information/, substatus: "pending_001", examples: ["Pending", "No information yet"] },
];

// fabric statusCode values pushed as event words by fabric-speaking adapters.
const FABRIC_STATUS_CODES: Record<string, Substatus> = {
  SHIPMENT_CREATED: "info_received_001",
  PICKUP_CREATED: "info_received_001",
  SHIPMENT_UPDATED: "in_transit_001",
  SHIPMENT_DELIVERED: "delivered_001",
  SHIPMENT_CANCELLED: "pending_004",
  PICKUP_COMPLETED: "delivered_002",
  SHIPMENT_RETURN_PENDING: "exception_010",
  SHIPMENT_RETURN_RECEIVED: "exception_011",
};

/** EasyPost's tracker statuses (docs: "Tracking" → status), as pushed by EasyPost-speaking adapters. */
export const EASYPOST_STATUSES: Readonly<Record<string, Substatus>> = {
  unknown: "pending_001",
  pre_transit: "info_received_001",
  in_transit: "in_transit_001",
  out_for_delivery: "out_for_delivery_001",
  available_for_pickup: "available_for_pickup_001",
  delivered: "delivered_001",
  return_to_sender: "exception_010",
  failure: "attempt_fail_001",
  cancelled: "pending_004",
  error: "exception_001",
};

/**
 * Normalizes the words a carrier uses for an event ("picked up", "Out For Delivery", "returned to
 * sender", `SHIPMENT_DELIVERED`, `pre_transit`) to the canonical status. Anything unrecognised is
 * still a scan by the carrier, so it counts as "on the way" rather than being dropped.
 */
export function normalizeEventWords(words: string): NormalizedStatus {
  const trimmed = words.trim();
  const code = FABRIC_STATUS_CODES[trimmed.toUpperCase()] ?? EASYPOST_STATUSES[trimmed];
  if (code) return bySubstatus(code);
  const text = trimmed.toLowerCase().replace(/[_-]+/g, " ");
  const rule = WORD_RULES.find((r) => r.pattern.test(text));
  return bySubstatus(rule?.substatus ?? "in_transit_001");
}

/** How far along the lifecycle a status is; used to roll several cartons up to one shipment status. */
const PROGRESS: Record<TrackingStatus, number> = {
  EXPIRED: 0,
  PENDING: 1,
  INFO_RECEIVED: 2,
  IN_TRANSIT: 3,
  EXCEPTION: 3,
  ATTEMPT_FAIL: 4,
  AVAILABLE_FOR_PICKUP: 5,
  OUT_FOR_DELIVERY: 5,
  DELIVERED: 6,
  RETURNING: 7,
  RETURNED: 8,
};

const RETURN_FLOW = new Set<TrackingStatus>(["RETURNING", "RETURNED"]);

/** The least advanced of several statuses (so "delivered" means all of them); null for none. */
export function leastAdvanced(statuses: ReadonlyArray<NormalizedStatus | null>): NormalizedStatus | null {
  const known = statuses.filter((s): s is NormalizedStatus => s !== null);
  return known.length ? known.reduce((least, s) => (PROGRESS[s.status] < PROGRESS[least.status] ? s : least)) : null;
}

/**
 * The status after `next` happens to a carton that was in `current`. Delivered sticks unless a
 * return flow starts (a late "in transit" scan never undoes a delivery), and returned is final.
 */
export function advance(current: NormalizedStatus | null, next: NormalizedStatus): NormalizedStatus {
  if (!current) return next;
  if (current.status === "RETURNED") return current;
  if (current.status === "DELIVERED" && !RETURN_FLOW.has(next.status)) return current;
  return next;
}

/** Folds events, already ordered by `eventRecordedAt`, into the carton's current status. */
export function deriveStatus(ordered: Iterable<NormalizedStatus>): NormalizedStatus | null {
  let current: NormalizedStatus | null = null;
  for (const event of ordered) current = advance(current, event);
  return current;
}

/**
 * Rolls carton statuses up to the shipment: fabric's `statusCode` plus the sync document's
 * `trackingStatus`/`trackingSubstatus` (the least advanced carton, so "delivered" means all of them).
 * Cartons without any tracking yet count as not delivered.
 *
 * fabric's `statusCode` is the shipment's lifecycle, not its whereabouts: its own example keeps
 * SHIPMENT_CREATED after a "picked up" scan. So only the milestones fabric has a code for move it
 * (delivered, partly delivered, picked up by the customer, returning, returned); scans on the way
 * leave it as it was and show in `trackingStatus` instead.
 */
export function rollUp(
  current: StatusCode,
  cartons: ReadonlyArray<NormalizedStatus | null>,
): { statusCode: StatusCode; tracking: NormalizedStatus | null } {
  const tracked = cartons.filter((c): c is NormalizedStatus => c !== null);
  if (tracked.length === 0 || current === "SHIPMENT_CANCELLED") return { statusCode: current, tracking: null };
  const tracking = leastAdvanced(tracked)!;
  const count = (s: TrackingStatus) => tracked.filter((c) => c.status === s).length;
  const delivered = count("DELIVERED");
  const returned = count("RETURNED");
  const pickup = current === "PICKUP_CREATED" || current === "PICKUP_COMPLETED";
  let statusCode = current;
  if (returned === cartons.length) statusCode = "SHIPMENT_RETURN_RECEIVED";
  else if (returned > 0 || count("RETURNING") > 0) statusCode = "SHIPMENT_RETURN_PENDING";
  else if (delivered === cartons.length) statusCode = pickup ? "PICKUP_COMPLETED" : "SHIPMENT_DELIVERED";
  else if (delivered > 0) statusCode = "SHIPMENT_PARTIALLY_DELIVERED";
  return { statusCode, tracking };
}
