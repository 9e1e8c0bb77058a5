/**
 * The contract every courier connector fulfils: given tracking numbers, answer what the courier knows
 * about each, normalized to our canonical status, so the tracking core never sees a vendor's wire format.
 */
import type { TrackingStatus } from "../generated/prisma/enums.js";
import { leastAdvanced, type NormalizedStatus } from "../tracking/status.js";

/**
 * One scan or status change reported by a courier, in our shape.
 *
 * Time rule: `eventRecordedAt` is the instant the carrier recorded the event, taken from the carrier's
 * UTC/GMT timestamp or its offset whenever it gives one. When the carrier gives only a local
 * wall-clock time without an offset, that string is kept verbatim in `localTime` (never with a `Z`
 * appended) and `eventRecordedAt` holds that wall time read as if it were UTC. Such an instant is off
 * by the (unknown) zone offset, so it is good for ordering a carton's events, not for display.
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
  /** Lower-case AfterShip substatus (`delivered_001`), one of `SUBSTATUS`. */
  substatus: string;
}

/**
 * One package of a shipment as the courier reports it. A multi-piece shipment tracked by its lead
 * number answers with several pieces, each with its own tracking number and events; each becomes a
 * carton of ours.
 */
export interface CourierPiece {
  trackingNumber: string;
  /** The courier's current status for the piece; null when it gives none. */
  status: NormalizedStatus | null;
  /** Who signed for the piece (proof of delivery), when the courier says. */
  signedBy: string | null;
  /** The events, in whatever order the courier sent them; the tracking core orders them. */
  events: CourierEvent[];
}

/**
 * What a courier knows about one tracking number. A number the courier does not know is
 * `found: false` with no pieces — an answer, not an error.
 */
export interface CourierTracking {
  /** The number asked about. */
  trackingNumber: string;
  found: boolean;
  /** The courier's current status for the whole shipment, from all its pieces; `null` when not found. */
  status: NormalizedStatus | null;
  /** The courier's promised or estimated delivery; `null` when it gives none or gives it without an offset. */
  expectedDelivery: Date | null;
  /** Every package the courier reports for the number; the asked number's own piece first. */
  pieces: CourierPiece[];
  /** Activities the connector could not read (no usable time); each was logged with its raw content. */
  droppedEvents: number;
}

/** Where connectors report what they could not use; pino's logger fits. */
export interface CourierLogger {
  warn(details: object, message: string): void;
}

/** What every connector is built with besides its settings. */
export interface CourierRuntime {
  /** The clock for token expiry and `Retry-After` dates. */
  now?: () => Date;
  logger?: CourierLogger;
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

/** The answer for a number the courier knows: its status is the least advanced of its pieces'. */
export function foundTracking(
  trackingNumber: string,
  pieces: CourierPiece[],
  expectedDelivery: Date | null,
  droppedEvents: number,
): CourierTracking {
  return { trackingNumber, found: true, status: leastAdvanced(pieces.map((p) => p.status)), expectedDelivery, pieces, droppedEvents };
}

/** The answer for a number the courier does not know. */
export function notFound(trackingNumber: string): CourierTracking {
  return { trackingNumber, found: false, status: null, expectedDelivery: null, pieces: [], droppedEvents: 0 };
}

const SILENT: CourierLogger = { warn: () => {} };

/** The runtime with its defaults filled in. */
export function runtimeOf(runtime: CourierRuntime = {}): Required<CourierRuntime> {
  return { now: runtime.now ?? (() => new Date()), logger: runtime.logger ?? SILENT };
}

/**
 * Reads a courier's activities into events. An activity the connector cannot read (no usable time)
 * is a defect in the courier's answer or in our reading of it: it is logged with its raw content and
 * counted, never silently skipped.
 */
export function readActivities<T>(
  courier: string,
  trackingNumber: string,
  activities: readonly T[] | undefined,
  read: (activity: T) => CourierEvent | null,
  logger: CourierLogger,
): { events: CourierEvent[]; dropped: number } {
  const events: CourierEvent[] = [];
  let dropped = 0;
  for (const activity of activities ?? []) {
    const event = read(activity);
    if (event) events.push(event);
    else {
      dropped += 1;
      logger.warn({ courier, trackingNumber, activity }, "courier activity dropped: no readable time");
    }
  }
  return { events, dropped };
}

/** Splits numbers into a vendor's documented batch size. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
