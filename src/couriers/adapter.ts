/**
 * The contract every courier connector fulfils (DESIGN §3, §6): given tracking numbers, answer what the
 * courier knows about each, normalized to our canonical status, so the tracking core never sees a
 * vendor's wire format.
 */
import type { NormalizedStatus, TrackingStatus } from "../tracking/status.js";

/**
 * One scan or status change reported by a courier, in our shape.
 *
 * Time rule (DESIGN §6): `eventRecordedAt` is the instant the carrier recorded the event, taken from the
 * carrier's UTC/GMT or offset-bearing timestamp whenever it gives one. When the carrier gives only a
 * local wall-clock time without an offset, that string is kept verbatim in `localTime` (never with a
 * `Z` appended) and `eventRecordedAt` holds that wall time read as if it were UTC. Such an instant is
 * off by the (unknown) zone offset, so it is good for ordering a carton's events, not for display.
 */
export interface CourierEvent {
  /** The courier's own id for the event, when it has one; deduplication falls back to a hash without it. */
  eventId?: string;
  /** The courier's raw event text, unchanged ("Departed from Facility"). */
  event: string;
  /** The courier's own status or scan code for the event ("DP", "SR", "Delivered_001"). */
  carrierCode?: string;
  /** When the event happened; see the time rule above. */
  eventRecordedAt: Date;
  /** The carrier's local wall-clock time, verbatim, when it gave no offset. */
  localTime?: string;
  /** Where it happened, as the courier names it ("LOUISVILLE, KY, US"). */
  location?: string;
  status: TrackingStatus;
  /** Lower-case AfterShip-style substatus (`delivered_001`), one of `SUBSTATUS`. */
  substatus: string;
}

/**
 * What a courier knows about one tracking number. A number the courier does not know is
 * `found: false` with no events — an answer, not an error.
 */
export interface CourierTracking {
  trackingNumber: string;
  found: boolean;
  /** The courier's current status for the number; `null` when not found. */
  status: NormalizedStatus | null;
  /** The courier's promised or estimated delivery; `null` when it gives none. */
  expectedDelivery: Date | null;
  /** Who signed for the delivery, when the courier says. */
  signedBy: string | null;
  /** The events, in whatever order the courier sent them; the tracking core orders them. */
  events: CourierEvent[];
}

/** A courier connector. Adapters are stateless apart from cached credentials. */
export interface CourierAdapter {
  /** Our courier code, as stored in `shipmentCourier` (`ups`, `fedex`, `usps`, `dhl`, `aftership`, `simulator`). */
  readonly code: string;
  /** Display name ("UPS"). */
  readonly name: string;
  /** Whether the courier instantly verifies numbers, so a sync can mark a shipment `verified`. */
  readonly verifies: boolean;
  /**
   * False when credentials are missing. An unconfigured courier is reported as such and its `track`
   * rejects with a `CourierError` of type `not_configured`; it never crashes the process.
   */
  readonly configured: boolean;
  /**
   * Fetches the latest tracking for each number, one result per number in the same order.
   * Rejects with a `CourierError` when the courier fails; honours `signal` for cancellation.
   */
  track(trackingNumbers: string[], signal: AbortSignal): Promise<CourierTracking[]>;
}

/** The answer for a number the courier does not know. */
export function notFound(trackingNumber: string): CourierTracking {
  return { trackingNumber, found: false, status: null, expectedDelivery: null, signedBy: null, events: [] };
}
