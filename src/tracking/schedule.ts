/**
 * When background tracking asks a courier again, and when it stops. Pure rules, so the poller's SQL
 * and its decisions agree, and tests need no clock.
 */
import type { StatusCode, TrackingStatus } from "../generated/prisma/enums.js";

/** Tracking statuses after which a courier has nothing more to say. */
export const FINAL_TRACKING_STATUSES: readonly TrackingStatus[] = ["DELIVERED", "RETURNED", "EXPIRED"];
/** fabric statuses of shipments that are no longer travelling. */
export const FINAL_STATUS_CODES: readonly StatusCode[] = ["SHIPMENT_CANCELLED", "SHIPMENT_DELIVERED", "SHIPMENT_RETURN_RECEIVED"];

const DAY_MS = 86_400_000;
/** The longest a shipment still being tracked waits between polls. */
const MAX_POLL_DELAY_MS = DAY_MS;

export interface ScheduleSettings {
  /** Delay between polls of a shipment in its first day; it doubles with each day of age. */
  backoffSeconds: number;
  /** Days without news after which a shipment is marked expired and no longer polled. */
  expiryDays: number;
}

export function isFinal(status: TrackingStatus | null): boolean {
  return status !== null && FINAL_TRACKING_STATUSES.includes(status);
}

/**
 * The next poll: young shipments move fast and are asked often; older ones back off, doubling per
 * day of age, up to a day (or the base delay, when that is longer).
 */
export function nextPollAt(createdAt: Date, now: Date, settings: ScheduleSettings): Date {
  const ageDays = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS));
  const base = settings.backoffSeconds * 1000;
  const delay = Math.min(base * 2 ** Math.min(ageDays, 30), Math.max(base, MAX_POLL_DELAY_MS));
  return new Date(now.getTime() + delay);
}

/** Whether the last news (an event received, or the shipment's creation) is older than the expiry. */
export function isStale(lastNewsAt: Date, now: Date, settings: ScheduleSettings): boolean {
  return now.getTime() - lastNewsAt.getTime() >= settings.expiryDays * DAY_MS;
}
