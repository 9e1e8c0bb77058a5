/**
 * Canonical tracking status (DESIGN §6): AfterShip's tags, with lower-case substatus codes in
 * AfterShip's numbering (`delivered_001`, `exception_011`, …). Couriers and pushed events are
 * normalized onto these; shipments derive their fabric `statusCode` milestones from them.
 */
export const TRACKING_STATUSES = [
  "PENDING",
  "INFO_RECEIVED",
  "IN_TRANSIT",
  "OUT_FOR_DELIVERY",
  "AVAILABLE_FOR_PICKUP",
  "ATTEMPT_FAIL",
  "DELIVERED",
  "EXCEPTION",
  "RETURNING",
  "RETURNED",
  "EXPIRED",
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export interface NormalizedStatus {
  status: TrackingStatus;
  substatus: string;
}

/** Substatus codes we emit, with AfterShip's meaning. */
export const SUBSTATUS = {
  pending_001: "No information yet",
  info_received_001: "The carrier received a request from the shipper and is about to pick up the shipment",
  in_transit_001: "Shipment on the way",
  in_transit_002: "Shipment accepted by the carrier",
  in_transit_003: "Shipment arrived at a hub or sorting center",
  in_transit_004: "Shipment arrived at the delivery facility",
  in_transit_005: "Shipment cleared customs",
  in_transit_007: "Shipment forwarded to a different delivery address",
  in_transit_008: "Shipment departed a facility",
  out_for_delivery_001: "Shipment is out for delivery",
  available_for_pickup_001: "Shipment is ready to be picked up",
  attempt_fail_001: "Delivery attempt failed",
  attempt_fail_002: "Recipient not available at the time of delivery",
  attempt_fail_003: "Business closed at the time of delivery",
  delivered_001: "Shipment delivered successfully",
  delivered_002: "Package picked up by the customer",
  delivered_003: "Package received and signed by the customer",
  delivered_004: "Package left at the front door or by the mailbox",
  exception_004: "Shipment is undeliverable",
  exception_005: "Other exception",
  exception_006: "Shipment delayed or held in customs",
  exception_010: "Shipment on its way back to the sender",
  exception_011: "Shipment returned to the sender",
  exception_012: "Shipment lost",
  exception_013: "Shipment damaged",
  expired_001: "No tracking information for a long time",
} as const;
export type Substatus = keyof typeof SUBSTATUS;

// First match wins: specific phrases come before the general words they contain
// ("picked up by customer" before "picked up", "returned to sender" before "delivered").
const WORDS: ReadonlyArray<[RegExp, TrackingStatus, Substatus]> = [
  [/returned to (sender|shipper)|return (received|completed)|delivered to (sender|shipper)/, "RETURNED", "exception_011"],
  [/return(ing)? to (sender|shipper)|being returned|return (initiated|in transit|started)|\brts\b/, "RETURNING", "exception_010"],
  [/\bexpired?\b/, "EXPIRED", "expired_001"],
  [/\blost\b|missing/, "EXCEPTION", "exception_012"],
  [/damage/, "EXCEPTION", "exception_013"],
  [/undeliverable|not delivered|refused|address (problem|incorrect|unknown)/, "EXCEPTION", "exception_004"],
  [/customs|clearance delay/, "EXCEPTION", "exception_006"],
  [/out for delivery|on (the )?vehicle for delivery|with delivery courier/, "OUT_FOR_DELIVERY", "out_for_delivery_001"],
  [/(available|ready) for (pick ?up|collection)|held at .*(location|office|point)|awaiting collection/, "AVAILABLE_FOR_PICKUP", "available_for_pickup_001"],
  [/business closed/, "ATTEMPT_FAIL", "attempt_fail_003"],
  [/(recipient|customer|receiver) (not available|unavailable|not home)|no one (home|available)/, "ATTEMPT_FAIL", "attempt_fail_002"],
  [/attempt|missed delivery/, "ATTEMPT_FAIL", "attempt_fail_001"],
  [/picked up by (the )?(customer|recipient)|collected by/, "DELIVERED", "delivered_002"],
  [/signed/, "DELIVERED", "delivered_003"],
  [/(left|placed) (at|in|by)|front door|porch|mailbox|parcel locker/, "DELIVERED", "delivered_004"],
  [/deliver(ed|y (complete|successful))/, "DELIVERED", "delivered_001"],
  [/exception|delay|held|problem|incident/, "EXCEPTION", "exception_005"],
  [/forwarded|redirected|rerouted/, "IN_TRANSIT", "in_transit_007"],
  [/picked up|pickup (scan|complete)|accepted|tendered|received by (the )?carrier|origin scan|shipment received/, "IN_TRANSIT", "in_transit_002"],
  [/label (created|printed)|shipping label|info(rmation)? received|pre.?transit|electronic (notification|shipment information)|manifest|shipment (created|information sent)|order processed/, "INFO_RECEIVED", "info_received_001"],
  [/cleared customs|customs cleared/, "IN_TRANSIT", "in_transit_005"],
  [/arrived at (the )?(delivery|destination|local)/, "IN_TRANSIT", "in_transit_004"],
  [/arriv|hub|sort/, "IN_TRANSIT", "in_transit_003"],
  [/depart|left (the )?facility/, "IN_TRANSIT", "in_transit_008"],
  [/pending|awaiting|no information/, "PENDING", "pending_001"],
];

// fabric statusCode values pushed as event words by fabric-speaking adapters.
const STATUS_CODES: Record<string, NormalizedStatus> = {
  SHIPMENT_CREATED: { status: "INFO_RECEIVED", substatus: "info_received_001" },
  PICKUP_CREATED: { status: "INFO_RECEIVED", substatus: "info_received_001" },
  SHIPMENT_UPDATED: { status: "IN_TRANSIT", substatus: "in_transit_001" },
  SHIPMENT_DELIVERED: { status: "DELIVERED", substatus: "delivered_001" },
  PICKUP_COMPLETED: { status: "DELIVERED", substatus: "delivered_002" },
  SHIPMENT_RETURN_PENDING: { status: "RETURNING", substatus: "exception_010" },
  SHIPMENT_RETURN_RECEIVED: { status: "RETURNED", substatus: "exception_011" },
};

/**
 * Normalizes the words a carrier uses for an event ("picked up", "Out For Delivery", "returned to
 * sender", `SHIPMENT_DELIVERED`) to the canonical status. Anything unrecognised is still a scan by
 * the carrier, so it counts as "on the way" rather than being dropped.
 */
export function normalizeEventWords(words: string): NormalizedStatus {
  const code = STATUS_CODES[words.trim().toUpperCase()];
  if (code) return code;
  const text = words.toLowerCase().replace(/[_-]+/g, " ");
  for (const [pattern, status, substatus] of WORDS) {
    if (pattern.test(text)) return { status, substatus };
  }
  return { status: "IN_TRANSIT", substatus: "in_transit_001" };
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

export type ShipmentStatusCode =
  | "SHIPMENT_CREATED"
  | "SHIPMENT_UPDATED"
  | "SHIPMENT_CANCELLED"
  | "PICKUP_CREATED"
  | "PICKUP_COMPLETED"
  | "SHIPMENT_DELIVERED"
  | "SHIPMENT_RETURN_PENDING"
  | "SHIPMENT_RETURN_RECEIVED"
  | "SHIPMENT_PARTIALLY_DELIVERED";

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
  current: ShipmentStatusCode,
  cartons: ReadonlyArray<NormalizedStatus | null>,
): { statusCode: ShipmentStatusCode; tracking: NormalizedStatus | null } {
  const tracked = cartons.filter((c): c is NormalizedStatus => c !== null);
  if (tracked.length === 0 || current === "SHIPMENT_CANCELLED") return { statusCode: current, tracking: null };
  const tracking = tracked.reduce((least, c) => (PROGRESS[c.status] < PROGRESS[least.status] ? c : least));
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
