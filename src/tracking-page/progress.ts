/** How a canonical tracking status reads to a customer, and where it stands on the way to delivery. */
import type { PublicShipment } from "./documents.js";

export const STEPS = ["Label created", "In transit", "Out for delivery", "Delivered"] as const;

const STEP_OF: Record<string, number> = {
  PENDING: 0,
  INFO_RECEIVED: 0,
  IN_TRANSIT: 1,
  OUT_FOR_DELIVERY: 2,
  AVAILABLE_FOR_PICKUP: 2,
  ATTEMPT_FAIL: 2,
  DELIVERED: 3,
};

const WORDS: Record<string, string> = {
  PENDING: "Label created",
  INFO_RECEIVED: "Label created",
  IN_TRANSIT: "In transit",
  OUT_FOR_DELIVERY: "Out for delivery",
  AVAILABLE_FOR_PICKUP: "Ready for pickup",
  ATTEMPT_FAIL: "Delivery attempted",
  DELIVERED: "Delivered",
  EXCEPTION: "Delivery problem",
  RETURNING: "Returning to sender",
  RETURNED: "Returned to sender",
  EXPIRED: "No recent updates",
};

export function statusWords(status: string | null): string {
  return (status && WORDS[status]) ?? "Awaiting the first scan";
}

/**
 * The step reached. A status off the happy path (an exception, a return, expiry) has no step of its
 * own: the parcel stays at the furthest step its events reached, and `offPath` says it left the way.
 */
export function progressOf(shipment: PublicShipment): { step: number; offPath: boolean } {
  const status = shipment.trackingStatus ?? "PENDING";
  if (status in STEP_OF) return { step: STEP_OF[status]!, offPath: false };
  const reached = shipment.trackingEvents.map((event) => STEP_OF[event.status] ?? 0);
  return { step: Math.max(0, ...reached), offPath: true };
}
