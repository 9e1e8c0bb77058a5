/**
 * The ingestion core, shared by every way tracking reaches us (PUSH from carrier adapters, SYNC and
 * POLL from couriers): dedupe, order, normalize, derive carton and shipment status, bump the version,
 * audit, log the change for delivery, and — after commit — publish exactly one update. Nothing of the
 * schema here; what goes wrong for the client is an error of errors.ts, answered alike over GraphQL and REST.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { sqlPool, type Db } from "../db/client.js";
import { ConflictError, NotFoundError, ValidationError, type ValidationDetail } from "../errors.js";
import type { TrackingSource, VerificationStatus } from "../generated/prisma/enums.js";
import { INSTANT_WINDOW, inInstantWindow } from "../input-limits.js";
import { newId } from "../shipments/ids.js";
import { byChronology, carrierKey, dedupeKey } from "./identity.js";
import type { TrackingPublisher, TrackingUpdateMessage } from "./messages.js";
import { deriveStatus, normalizeEventWords, rollUp, type NormalizedStatus } from "./status.js";
import { inTransaction, type EventRow, type LockedShipment, type StoredCarton, type TrackingStore } from "./store.js";

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

export interface IngestRequest {
  tenantId: string;
  shipmentId: string;
  source: TrackingSource;
  cartons: CartonTracking[];
  facts?: ShipmentFacts;
  /** Optimistic concurrency: the version the caller last saw. */
  expectedVersion?: number | null;
}

export interface IngestResult {
  shipmentId: string;
  version: number;
  /** Ids (`evt_…`) of the events stored by this request, in eventRecordedAt order. */
  appliedEventIds: string[];
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
        problems.push({ path: `${at}.${paths.events}[${i}].eventRecordedAt`, message: `must be a valid instant from ${INSTANT_WINDOW.from.getUTCFullYear()} to before ${INSTANT_WINDOW.until.getUTCFullYear()}` });
      }
    });
  });
  if (problems.length) throw new ValidationError(problems);
}

/** Whether the facts differ from the shipment's: a sync repeating what is known is no change (no version bump). */
function changesFacts(facts: ShipmentFacts, current: LockedShipment): boolean {
  const expected = facts.expectedDelivery;
  return (
    (expected !== undefined && expected?.getTime() !== current.expectedDelivery?.getTime()) ||
    (facts.verificationStatus !== undefined && facts.verificationStatus !== current.verificationStatus)
  );
}

/** The row an event becomes on a carton: its identity (`dedupeKey`) and its canonical status. */
export function eventRow(e: IncomingEvent, carton: { id: string; trackingNumber: string; shipmentCarrier: string | null }): EventRow {
  return {
    id: newId("evt"),
    cartonId: carton.id,
    carrier: carrierKey(e.shipmentCarrier ?? carton.shipmentCarrier),
    dedupeKey: dedupeKey({ ...e, trackingNumber: carton.trackingNumber }),
    eventId: e.eventId ?? null,
    event: e.event,
    eventRecordedAt: e.eventRecordedAt,
    localTime: e.localTime ?? null,
    location: e.location ?? null,
    notesDescription: e.notesDescription ?? null,
    shipmentCarrier: e.shipmentCarrier ?? null,
    carrierStatusCode: e.carrierStatusCode ?? null,
    ...(e.normalized ?? normalizeEventWords(e.event)),
  };
}

export class TrackingIngestor {
  private readonly pool: pg.Pool;

  constructor(
    db: Db,
    private readonly publisher: TrackingPublisher,
  ) {
    this.pool = sqlPool(db);
  }

  async ingest(request: IngestRequest): Promise<IngestResult> {
    validateEvents(request.cartons);
    const result = await inTransaction(this.pool, (store) => this.apply(store, request));
    // After commit, never inside: subscribers must be able to read what they are told about. A failed
    // publication leaves the change unpublished in the delivery log, for the relay to retry.
    if (result.update) await this.publisher.publish(result.update);
    return result;
  }

  /** Creates the cartons the request asks for (`newCarton`) that the shipment lacks, after its last one. */
  private async addMissingCartons(store: TrackingStore, request: IngestRequest, existing: StoredCarton[]): Promise<StoredCarton[]> {
    const known = new Set(existing.map((c) => c.trackingNumber));
    const rows = request.cartons
      .filter((c) => c.newCarton && !known.has(c.trackingNumber))
      .map((c, i) => ({ id: newId("ctn"), position: existing.length + i, trackingNumber: c.trackingNumber, shipmentCarrier: c.newCarton!.shipmentCarrier }));
    if (rows.length) await store.addCartons(request.tenantId, request.shipmentId, rows);
    return rows.map(({ id, trackingNumber, shipmentCarrier }) => ({ id, trackingNumber, shipmentCarrier, trackingStatus: null, trackingSubstatus: null, trackingURL: null }));
  }

  private async apply(store: TrackingStore, request: IngestRequest): Promise<IngestResult> {
    const { tenantId, shipmentId, source } = request;
    const locked = await store.lockShipment(tenantId, shipmentId);
    if (!locked) throw new NotFoundError();
    if (request.expectedVersion != null && request.expectedVersion !== locked.version) throw new ConflictError(locked.version);

    const cartons = [...locked.cartons, ...(await this.addMissingCartons(store, request, locked.cartons))];
    const byNumber = new Map(cartons.map((c) => [c.trackingNumber, c]));
    const version = locked.version + 1;
    const candidates: EventRow[] = request.cartons.flatMap((incoming) => {
      const carton = byNumber.get(incoming.trackingNumber);
      if (!carton) throw new NotFoundError("Carton");
      return incoming.events.map((e) => eventRow(e, { ...carton, trackingNumber: incoming.trackingNumber }));
    });
    // One row per identity even when a request repeats an event; the unique key handles the rest.
    const unique = [...new Map(candidates.map((c) => [`${c.carrier}\u0000${c.dedupeKey}`, c])).values()];
    const insertedIds = unique.length ? await store.insertEvents(tenantId, shipmentId, source, version, unique) : new Set<string>();
    const applied = unique.filter((c) => insertedIds.has(c.id)).sort(byChronology);
    const duplicateEventIds = [...new Set(candidates.filter((c) => !insertedIds.has(c.id)).map((c) => c.eventId ?? c.dedupeKey))];

    const urlChanges = request.cartons.filter((c) => c.trackingURL && byNumber.get(c.trackingNumber)!.trackingURL !== c.trackingURL);
    const facts = request.facts ?? {};
    if (applied.length === 0 && urlChanges.length === 0 && !changesFacts(facts, locked)) {
      return { shipmentId, version: locked.version, appliedEventIds: [], duplicateEventIds, update: null };
    }

    // Re-derive the touched cartons from all their events in time order (late events slot in).
    const touched = new Set(applied.map((e) => e.cartonId));
    const history = touched.size ? await store.history([...touched]) : [];
    const statusOf = new Map(cartons.map((c) => [c.id, c.trackingStatus ? { status: c.trackingStatus, substatus: c.trackingSubstatus ?? "" } : null]));
    for (const cartonId of touched) statusOf.set(cartonId, deriveStatus(history.filter((h) => h.cartonId === cartonId)));
    const rolled = rollUp(locked.statusCode, cartons.map((c) => statusOf.get(c.id) ?? null));

    const cartonChanges = cartons.flatMap((carton) => {
      const next = statusOf.get(carton.id) ?? null;
      const url = urlChanges.find((c) => c.trackingNumber === carton.trackingNumber)?.trackingURL ?? null;
      const changed = next?.status !== (carton.trackingStatus ?? undefined) || next?.substatus !== (carton.trackingSubstatus ?? undefined) || url;
      return changed ? [{ id: carton.id, trackingStatus: next?.status ?? null, trackingSubstatus: next?.substatus ?? null, trackingURL: url }] : [];
    });
    if (cartonChanges.length) await store.updateCartons(cartonChanges);
    const trackingStatus = rolled.tracking?.status ?? locked.trackingStatus;
    await store.updateShipment(shipmentId, {
      version,
      statusCode: rolled.statusCode,
      trackingStatus,
      trackingSubstatus: rolled.tracking?.substatus,
      expectedDelivery: facts.expectedDelivery,
      verificationStatus: facts.verificationStatus,
      tracked: source !== "PUSH",
    });
    await store.insertAudit(shipmentId, {
      id: newId("aud"),
      auditId: randomUUID(),
      source,
      note: `${applied.length} tracking event(s) applied`,
      updatedFields: locked.statusCode === rolled.statusCode ? [] : [{ fieldName: "statusCode", fieldOriginalValue: locked.statusCode }],
      version,
      previousStatusCode: locked.statusCode,
      statusCode: rolled.statusCode,
      previousTrackingStatus: locked.trackingStatus,
      trackingStatus,
    });
    const trackingNumbers = cartons.filter((c) => touched.has(c.id) || urlChanges.some((u) => u.trackingNumber === c.trackingNumber));
    const change = {
      tenantId,
      shipmentId,
      version,
      source,
      previousStatus: locked.trackingStatus,
      status: trackingStatus,
      eventIds: applied.map((e) => e.id),
      trackingNumbers: trackingNumbers.map((c) => c.trackingNumber!).filter(Boolean),
    };
    // In the same transaction as the change: what commits is delivered, even if this process dies next.
    const sequence = await store.appendToDeliveryLog(change);
    return { shipmentId, version, appliedEventIds: applied.map((e) => e.id), duplicateEventIds, update: { ...change, sequence } };
  }
}
