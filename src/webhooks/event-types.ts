/**
 * What a tenant subscribes an endpoint to, decided from a tracking change's statuses. One change
 * makes at most one delivery per endpoint, named by the most specific type the endpoint asked for,
 * so a receiver subscribed to everything never sees the same change twice.
 */
import type { TrackingStatus } from "../generated/prisma/enums.js";

export const WEBHOOK_EVENT_TYPES = ["tracking.updated", "shipment.delivered", "shipment.exception"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Statuses a shipment.exception announces: the carrier failed to deliver or reported a problem. */
const EXCEPTIONS: ReadonlySet<TrackingStatus | null> = new Set<TrackingStatus>(["EXCEPTION", "ATTEMPT_FAIL"]);

export interface StatusChange {
  previousStatus: TrackingStatus | null;
  status: TrackingStatus | null;
}

/** The types a change fires, most specific first: a status entered, then the change itself. */
export function typesFired({ previousStatus, status }: StatusChange): WebhookEventType[] {
  const fired: WebhookEventType[] = [];
  if (status !== previousStatus) {
    if (status === "DELIVERED") fired.push("shipment.delivered");
    if (EXCEPTIONS.has(status)) fired.push("shipment.exception");
  }
  fired.push("tracking.updated");
  return fired;
}

/** The type an endpoint receives the change as, or null when it asked for none of them. */
export function deliveredAs(change: StatusChange, subscribed: readonly string[]): WebhookEventType | null {
  return typesFired(change).find((type) => subscribed.includes(type)) ?? null;
}
