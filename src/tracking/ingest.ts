/**
 * The ingestion core, shared by every way tracking reaches us (PUSH from carrier adapters, SYNC and
 * POLL from couriers): dedupe, order, normalize, derive carton and shipment status, bump the version,
 * audit, log the change for delivery, and — after commit — publish exactly one update. Nothing of the
 * schema here; what goes wrong for the client is an error of errors.ts, answered alike over GraphQL and REST.
 */
import type pg from "pg";
import { inTransactionOpenedBy, type CommitEarly } from "../db/transaction.js";
import { NotFoundError, ValidationError, type ValidationDetail } from "../errors.js";
import type { TrackingSource, VerificationStatus } from "../generated/prisma/enums.js";
import { INSTANT_WINDOW, inInstantWindow } from "../input-limits.js";
import { UNOBSERVED, type ShipmentChanges } from "../shipments/changes.js";
import { planChange, planEvents, settleInsert } from "./ingest-plan.js";
import type { TrackingPublisher, TrackingUpdateMessage } from "./messages.js";
import type { NormalizedStatus } from "./status.js";
import { TrackingStore, type EventRow, type LockedShipment, type ShipmentKey, type ShipmentState } from "./store.js";

/** One event as a carrier reports it. */
export interface IncomingEvent {
  event: string;
  eventId?: string | null;
  eventRecordedAt: Date;
  /** The carrier's local time string, when it gave no UTC offset. */
  localTime?: string | null;
  location?: string | null;
  notesDescription?: string | null;
  shipmentCarrier?: string | null;
  carrierStatusCode?: string | null;
  /** Set by courier connectors that map their own status codes; otherwise derived from `event`. */
  normalized?: NormalizedStatus;
}

/** Events for one carton, found by its tracking number. */
export interface CartonTracking {
  trackingNumber: string;
  events: IncomingEvent[];
  trackingURL?: string | null;
  /**
   * When the shipment has no carton with this number, create one with these fields instead of
   * failing with "Carton not found" — a courier sync that tracks the shipment-level number.
   */
  newCarton?: { shipmentCarrier: string | null };
}

/** Shipment-level facts a courier sync brings besides events. */
export interface ShipmentFacts {
  expectedDelivery?: Date | null;
  verificationStatus?: VerificationStatus;
}

export type IngestRequest = ShipmentKey & {
  tenantId: string;
  source: TrackingSource;
  cartons: CartonTracking[];
  facts?: ShipmentFacts;
  /** Optimistic concurrency: the version the caller last saw. */
  expectedVersion?: number | null;
};

export interface IngestResult {
  /** The shipment as this request left it (as it was, when nothing changed). */
  shipment: ShipmentState;
  /** The events stored by this request, as stored, in eventRecordedAt order. */
  appliedEvents: EventRow[];
  /** The carrier event ids (or content keys) that were already known. */
  duplicateEventIds: string[];
  /** The update published, or null when nothing changed. */
  update: TrackingUpdateMessage | null;
}

/** Where validation errors point: `cartons[0].events[1].event` here, `input.tracking[1].event` in GraphQL. */
export interface EventPaths {
  carton: (index: number) => string;
  events: string;
}

/** Rejects empty events and impossible instants, naming each offending field. */
export function validateEvents(cartons: CartonTracking[], paths: EventPaths = { carton: (c) => `cartons[${c}]`, events: "events" }) {
  const problems: ValidationDetail[] = [];
  cartons.forEach((carton, c) => {
    const at = paths.carton(c);
    if (!carton.trackingNumber?.trim()) problems.push({ path: `${at}.trackingNumber`, message: "must not be empty" });
    carton.events.forEach((e, i) => {
      if (!e.event?.trim()) problems.push({ path: `${at}.${paths.events}[${i}].event`, message: "must not be empty" });
      // Courier syncs reach this without the GraphQL scalar: an instant outside the window would be stored and then not read.
      if (!(e.eventRecordedAt instanceof Date) || !inInstantWindow(e.eventRecordedAt)) {
        problems.push({
          path: `${at}.${paths.events}[${i}].eventRecordedAt`,
          message: `must be a valid instant from ${INSTANT_WINDOW.from.getUTCFullYear()} to before ${INSTANT_WINDOW.until.getUTCFullYear()}`,
        });
      }
    });
  });
  if (problems.length) throw new ValidationError(problems);
}

export class TrackingIngestor {
  constructor(
    private readonly pool: pg.Pool,
    private readonly publisher: TrackingPublisher,
    private readonly changes: ShipmentChanges = UNOBSERVED,
  ) {}

  async ingest(request: IngestRequest): Promise<IngestResult> {
    validateEvents(request.cartons);
    const { result, rowIds } = await inTransactionOpenedBy(
      this.pool,
      // A lock and a read, so it may go out with BEGIN: one round trip less while the lock is held.
      (client) => new TrackingStore(client).lockShipment(request.tenantId, request),
      (client, commitEarly, locked) => this.apply(new TrackingStore(client), request, locked, commitEarly),
    );
    // After commit, never inside: subscribers must be able to read what they are told about, and a
    // subscriber told about the change must not then read a cached copy from before it. A failed
    // publication leaves the change unpublished in the delivery log, for the relay to retry.
    if (rowIds.length) await this.changes.committed({ tenantId: request.tenantId, rowIds });
    if (result.update) await this.publisher.publish(result.update);
    return result;
  }

  /**
   * The writer: the statements of one ingestion after the shipment's lock, in this order, around the planner's decisions.
   * `rowIds` are the shipment and its cartons when anything was written (a new carton alone is a change too).
   */
  private async apply(
    store: TrackingStore,
    request: IngestRequest,
    locked: LockedShipment | undefined,
    commitEarly: CommitEarly,
  ): Promise<{ result: IngestResult; rowIds: string[] }> {
    const { tenantId, source } = request;
    if (!locked) throw new NotFoundError();
    const events = planEvents(locked, request);
    if (events.newCartons.length) await store.addCartons(tenantId, locked.id, events.newCartons);
    const { insertedIds, history } = events.unique.length
      ? await store.insertEvents(tenantId, locked.id, source, events.version, events.unique)
      : { insertedIds: new Set<string>(), history: [] };
    const outcome = settleInsert(events, insertedIds);
    const { result, writes } = planChange({ locked, request, events, outcome, history });
    const rowIds = writes || events.newCartons.length ? [locked.id, ...events.cartons.map((c) => c.id)] : [];
    if (!writes) return { result: { ...result, update: null }, rowIds };
    // The delivery log in the same transaction as the change: what commits is delivered, even if this process dies next.
    // Its last statement takes the tenant's sequence counter, which every writer of the tenant waits
    // for until this commits: the COMMIT goes out right behind it (writeChange has sent its statement
    // by the time it returns a promise).
    const written = store.writeChange(locked.id, writes);
    commitEarly();
    const sequence = await written;
    return { result: { ...result, update: { ...writes.deliveryLog, sequence } }, rowIds };
  }
}
