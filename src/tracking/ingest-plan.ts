/**
 * What one ingestion changes, decided without a database. From the locked shipment and the request:
 * the cartons to create and the event rows to offer the insert. From what the insert kept and the
 * touched cartons' history: the carton and shipment updates, the audit entry, the delivery-log change
 * and the answer. TrackingIngestor (ingest.ts) runs the statements in between and after.
 */
import { randomUUID } from "node:crypto";
import { ConflictError, NotFoundError } from "../errors.js";
import { newId } from "../shipments/ids.js";
import { byChronology, carrierKey, dedupeKey } from "./identity.js";
import type { IncomingEvent, IngestRequest, IngestResult, ShipmentFacts } from "./ingest.js";
import { deriveStatus, normalizeEventWords, rollUp } from "./status.js";
import type { CartonHistory, EventRow, LockedShipment, NewCarton, StoredCarton, WrittenChange } from "./store.js";

export interface EventsPlan {
  /** The version this request's change will have, if it changes anything. */
  version: number;
  /** Cartons the request asks for (`newCarton`) that the shipment lacks, after its last one. */
  newCartons: NewCarton[];
  /** The shipment's cartons, the new ones last. */
  cartons: StoredCarton[];
  /** Every event of the request as a row, repeats included: a repeat is reported as a duplicate. */
  candidates: EventRow[];
  /** One row per identity: what the insert is offered; the unique key handles the rest. */
  unique: EventRow[];
}

/** What the insert made of the offered rows. */
export interface InsertOutcome {
  /** The rows stored, in eventRecordedAt order. */
  applied: EventRow[];
  /** The carrier event ids (or content keys) that were already known. */
  duplicateEventIds: string[];
  /** Cartons with a new event: their status is derived again from their whole history. */
  touched: string[];
}

export interface ChangePlan {
  /** The answer, but for the published update, which needs the delivery log's sequence. */
  result: Omit<IngestResult, "update">;
  /** What the writer's one write statement writes; null when the request changes nothing: no version bump, nothing published. */
  writes: WrittenChange | null;
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

/** The cartons to create and the rows to insert; throws when the request cannot apply to this shipment. */
export function planEvents(locked: LockedShipment, request: IngestRequest): EventsPlan {
  if (request.expectedVersion != null && request.expectedVersion !== locked.version) throw new ConflictError(locked.version);
  const known = new Set(locked.cartons.map((c) => c.trackingNumber));
  const newCartons = request.cartons
    .filter((c) => c.newCarton && !known.has(c.trackingNumber))
    .map((c, i) => ({
      id: newId("ctn"),
      position: locked.cartons.length + i,
      trackingNumber: c.trackingNumber,
      shipmentCarrier: c.newCarton!.shipmentCarrier,
    }));
  const cartons = [
    ...locked.cartons,
    ...newCartons.map(({ id, trackingNumber, shipmentCarrier }) => ({
      id,
      trackingNumber,
      shipmentCarrier,
      trackingStatus: null,
      trackingSubstatus: null,
      trackingURL: null,
    })),
  ];
  const byNumber = new Map(cartons.map((c) => [c.trackingNumber, c]));
  const candidates = request.cartons.flatMap((incoming) => {
    const carton = byNumber.get(incoming.trackingNumber);
    if (!carton) throw new NotFoundError("Carton");
    return incoming.events.map((e) => eventRow(e, { ...carton, trackingNumber: incoming.trackingNumber }));
  });
  // The first of an identity's repeats is the one offered, as a repeat in a later request is ignored.
  const byIdentity = new Map<string, EventRow>();
  for (const c of candidates) {
    const identity = `${c.carrier}\u0000${c.dedupeKey}`;
    if (!byIdentity.has(identity)) byIdentity.set(identity, c);
  }
  const unique = [...byIdentity.values()];
  return { version: locked.version + 1, newCartons, cartons, candidates, unique };
}

/** Sorts the offered rows into applied and duplicate by the ids the insert returned. */
export function settleInsert(events: EventsPlan, insertedIds: ReadonlySet<string>): InsertOutcome {
  const applied = events.unique.filter((c) => insertedIds.has(c.id)).sort(byChronology);
  return {
    applied,
    duplicateEventIds: [...new Set(events.candidates.filter((c) => !insertedIds.has(c.id)).map((c) => c.eventId ?? c.dedupeKey))],
    touched: [...new Set(applied.map((e) => e.cartonId))],
  };
}

/** Whether the facts differ from the shipment's: a sync repeating what is known is no change (no version bump). */
function changesFacts(facts: ShipmentFacts, current: LockedShipment): boolean {
  const expected = facts.expectedDelivery;
  return (
    (expected !== undefined && expected?.getTime() !== current.expectedDelivery?.getTime()) ||
    (facts.verificationStatus !== undefined && facts.verificationStatus !== current.verificationStatus)
  );
}

export interface ChangeInput {
  locked: LockedShipment;
  request: IngestRequest;
  events: EventsPlan;
  outcome: InsertOutcome;
  /** Every event of the touched cartons, in the order they happened. */
  history: CartonHistory;
}

/** Decides what the request changes: carton and shipment status (late events slot in), audit, delivery log. */
export function planChange({ locked, request, events, outcome, history }: ChangeInput): ChangePlan {
  const { tenantId, source } = request;
  const shipmentId = locked.id;
  const { cartons, version } = events;
  const { applied, duplicateEventIds, touched } = outcome;
  const currentUrl = new Map(cartons.map((c) => [c.trackingNumber, c.trackingURL]));
  const urlChanges = request.cartons.filter((c) => c.trackingURL && currentUrl.get(c.trackingNumber) !== c.trackingURL);
  const facts = request.facts ?? {};
  if (applied.length === 0 && urlChanges.length === 0 && !changesFacts(facts, locked)) {
    const { id, shipmentNumber, statusCode, trackingStatus, trackingSubstatus } = locked;
    return {
      result: {
        shipment: { id, shipmentNumber, version: locked.version, statusCode, trackingStatus, trackingSubstatus },
        appliedEvents: applied,
        duplicateEventIds,
      },
      writes: null,
    };
  }

  const statusOf = new Map(
    cartons.map((c) => [c.id, c.trackingStatus ? { status: c.trackingStatus, substatus: c.trackingSubstatus ?? "" } : null]),
  );
  for (const cartonId of touched) statusOf.set(cartonId, deriveStatus(history.filter((h) => h.cartonId === cartonId)));
  const rolled = rollUp(
    locked.statusCode,
    cartons.map((c) => statusOf.get(c.id) ?? null),
  );

  const cartonChanges = cartons.flatMap((carton) => {
    const next = statusOf.get(carton.id) ?? null;
    const url = urlChanges.find((c) => c.trackingNumber === carton.trackingNumber)?.trackingURL ?? null;
    const changed =
      next?.status !== (carton.trackingStatus ?? undefined) || next?.substatus !== (carton.trackingSubstatus ?? undefined) || url;
    return changed
      ? [{ id: carton.id, trackingStatus: next?.status ?? null, trackingSubstatus: next?.substatus ?? null, trackingURL: url }]
      : [];
  });
  const trackingStatus = rolled.tracking?.status ?? locked.trackingStatus;
  const trackingSubstatus = rolled.tracking?.substatus;
  const trackingNumbers = cartons
    .filter((c) => touched.includes(c.id) || urlChanges.some((u) => u.trackingNumber === c.trackingNumber))
    .map((c) => c.trackingNumber!)
    .filter(Boolean);
  return {
    result: {
      shipment: {
        id: shipmentId,
        shipmentNumber: locked.shipmentNumber,
        version,
        statusCode: rolled.statusCode,
        trackingStatus,
        trackingSubstatus: trackingSubstatus ?? locked.trackingSubstatus,
      },
      appliedEvents: applied,
      duplicateEventIds,
    },
    writes: {
      cartons: cartonChanges,
      shipment: {
        version,
        statusCode: rolled.statusCode,
        trackingStatus,
        trackingSubstatus,
        expectedDelivery: facts.expectedDelivery,
        verificationStatus: facts.verificationStatus,
        tracked: source !== "PUSH",
      },
      audit: {
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
      },
      deliveryLog: {
        tenantId,
        shipmentId,
        version,
        source,
        previousStatus: locked.trackingStatus,
        status: trackingStatus,
        eventIds: applied.map((e) => e.id),
        trackingNumbers,
      },
    },
  };
}
