/**
 * The ingestion core, shared by every way tracking reaches us (PUSH from carrier adapters, SYNC and
 * POLL from couriers): dedupe, order, normalize, derive carton and shipment status, bump the version,
 * audit, and — after commit — publish exactly one update. No GraphQL here.
 */
import { randomUUID } from "node:crypto";
import type { Db, DbTransaction } from "../db/client.js";
import { ConflictError, NotFoundError, ValidationError, type ValidationDetail } from "../errors.js";
import type { StatusCode, TrackingSource, TrackingStatus } from "../generated/prisma/enums.js";
import { newId } from "../schema/ids.js";
import { chronological, carrierKey, dedupeKey } from "./identity.js";
import type { TrackingPublisher, TrackingUpdateMessage } from "./messages.js";
import { deriveStatus, normalizeEventWords, rollUp, type NormalizedStatus } from "./status.js";

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
  verificationStatus?: "VERIFIED" | "PENDING";
  nextTrackAt?: Date | null;
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
      if (!(e.eventRecordedAt instanceof Date) || Number.isNaN(e.eventRecordedAt.getTime())) {
        problems.push({ path: `${at}.${paths.events}[${i}].eventRecordedAt`, message: "must be a valid instant" });
      }
    });
  });
  if (problems.length) throw new ValidationError(problems);
}

// Waiting for the shipment's row lock is the point under contention, so allow for a queue of writers.
const TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

interface LockedShipment {
  version: number;
  statusCode: StatusCode;
  trackingStatus: TrackingStatus | null;
  expectedDelivery: Date | null;
  verificationStatus: "VERIFIED" | "PENDING";
}

/** Whether the facts differ from the shipment's: a sync repeating what is known is no change (no version bump). */
function changesFacts(facts: ShipmentFacts, current: LockedShipment): boolean {
  const expected = facts.expectedDelivery;
  return (
    (expected !== undefined && expected?.getTime() !== current.expectedDelivery?.getTime()) ||
    (facts.verificationStatus !== undefined && facts.verificationStatus !== current.verificationStatus)
  );
}

export class TrackingIngestor {
  constructor(
    private readonly db: Db,
    private readonly publisher: TrackingPublisher,
  ) {}

  async ingest(request: IngestRequest): Promise<IngestResult> {
    validateEvents(request.cartons);
    const result = await this.db.$transaction((tx) => this.apply(tx, request), TRANSACTION);
    // After commit, never inside: subscribers must be able to read what they are told about.
    if (result.update) await this.publisher.publish(result.update);
    return result;
  }

  /** Creates the cartons the request asks for (`newCarton`) that the shipment lacks, after its last one. */
  private async addMissingCartons(tx: DbTransaction, request: IngestRequest, existing: { trackingNumber: string | null }[]) {
    const known = new Set(existing.map((c) => c.trackingNumber));
    const rows = request.cartons
      .filter((c) => c.newCarton && !known.has(c.trackingNumber))
      .map((c, i) => ({
        id: newId("ctn"),
        tenantId: request.tenantId,
        shipmentId: request.shipmentId,
        position: existing.length + i,
        trackingNumber: c.trackingNumber,
        shipmentCarrier: c.newCarton!.shipmentCarrier,
      }));
    if (rows.length) await tx.carton.createMany({ data: rows });
    return rows.map(({ id, trackingNumber, shipmentCarrier }) => ({ id, trackingNumber, shipmentCarrier, trackingStatus: null, trackingSubstatus: null, trackingURL: null }));
  }

  private async apply(tx: DbTransaction, request: IngestRequest): Promise<IngestResult> {
    const { tenantId, shipmentId, source } = request;
    // The row lock serializes writers of one shipment: versions stay gapless and status derivation
    // always sees every committed event.
    const [locked] = await tx.$queryRaw<LockedShipment[]>`
      SELECT version, "statusCode", "trackingStatus", "expectedDelivery", "verificationStatus"
      FROM "Shipment" WHERE id = ${shipmentId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    if (!locked) throw new NotFoundError();
    if (request.expectedVersion != null && request.expectedVersion !== locked.version) throw new ConflictError(locked.version);

    const cartons = await tx.carton.findMany({
      where: { shipmentId },
      select: { id: true, trackingNumber: true, shipmentCarrier: true, trackingStatus: true, trackingSubstatus: true, trackingURL: true },
    });
    cartons.push(...(await this.addMissingCartons(tx, request, cartons)));
    const byNumber = new Map(cartons.map((c) => [c.trackingNumber, c]));
    const version = locked.version + 1;
    const candidates = request.cartons.flatMap((incoming) => {
      const carton = byNumber.get(incoming.trackingNumber);
      if (!carton) throw new NotFoundError("Carton");
      return incoming.events.map((e) => {
        const carrier = carrierKey(e.shipmentCarrier ?? carton.shipmentCarrier);
        return {
          id: newId("evt"),
          tenantId,
          shipmentId,
          cartonId: carton.id,
          carrier,
          dedupeKey: dedupeKey({ ...e, trackingNumber: incoming.trackingNumber }),
          eventId: e.eventId ?? null,
          event: e.event,
          eventRecordedAt: e.eventRecordedAt,
          localTime: e.localTime ?? null,
          location: e.location ?? null,
          notesDescription: e.notesDescription ?? null,
          shipmentCarrier: e.shipmentCarrier ?? null,
          carrierStatusCode: e.carrierStatusCode ?? null,
          ...(e.normalized ?? normalizeEventWords(e.event)),
          source,
          shipmentVersion: version,
        };
      });
    });
    // One row per identity even when a request repeats an event; the unique key handles the rest.
    const unique = [...new Map(candidates.map((c) => [`${c.carrier}\u0000${c.dedupeKey}`, c])).values()];
    const inserted = unique.length
      ? await tx.trackingEvent.createManyAndReturn({ data: unique, skipDuplicates: true, select: { id: true } })
      : [];
    const insertedIds = new Set(inserted.map((row) => row.id));
    const applied = unique.filter((c) => insertedIds.has(c.id)).sort((a, b) => a.eventRecordedAt.getTime() - b.eventRecordedAt.getTime());
    const duplicateEventIds = [...new Set(candidates.filter((c) => !insertedIds.has(c.id)).map((c) => c.eventId ?? c.dedupeKey))];

    const urlChanges = request.cartons.filter((c) => c.trackingURL && byNumber.get(c.trackingNumber)!.trackingURL !== c.trackingURL);
    const facts = request.facts ?? {};
    const factsChanged = changesFacts(facts, locked);
    if (applied.length === 0 && urlChanges.length === 0 && !factsChanged) {
      if (facts.nextTrackAt !== undefined) await tx.shipment.update({ where: { id: shipmentId }, data: { nextTrackAt: facts.nextTrackAt, lastTrackedAt: new Date() } });
      return { shipmentId, version: locked.version, appliedEventIds: [], duplicateEventIds, update: null };
    }

    // Re-derive the touched cartons from all their events in time order (late events slot in).
    const touched = new Set(applied.map((e) => e.cartonId));
    const history = touched.size
      ? await tx.trackingEvent.findMany({
          where: { cartonId: { in: [...touched] } },
          orderBy: chronological,
          select: { cartonId: true, status: true, substatus: true },
        })
      : [];
    const statusOf = new Map(cartons.map((c) => [c.id, c.trackingStatus ? { status: c.trackingStatus, substatus: c.trackingSubstatus ?? "" } : null]));
    for (const cartonId of touched) statusOf.set(cartonId, deriveStatus(history.filter((h) => h.cartonId === cartonId)));
    const rolled = rollUp(locked.statusCode, cartons.map((c) => statusOf.get(c.id) ?? null));

    for (const carton of cartons) {
      const next = statusOf.get(carton.id);
      const url = urlChanges.find((c) => c.trackingNumber === carton.trackingNumber)?.trackingURL;
      if (next?.status !== carton.trackingStatus || next?.substatus !== carton.trackingSubstatus || url) {
        await tx.carton.update({
          where: { id: carton.id },
          data: { trackingStatus: next?.status ?? null, trackingSubstatus: next?.substatus ?? null, ...(url ? { trackingURL: url } : {}) },
        });
      }
    }
    const trackingStatus = (rolled.tracking?.status ?? locked.trackingStatus) as TrackingStatus | null;
    await tx.shipment.update({
      where: { id: shipmentId },
      data: {
        version,
        statusCode: rolled.statusCode,
        trackingStatus,
        ...(rolled.tracking ? { trackingSubstatus: rolled.tracking.substatus } : {}),
        ...(facts.expectedDelivery !== undefined ? { expectedDelivery: facts.expectedDelivery } : {}),
        ...(facts.verificationStatus ? { verificationStatus: facts.verificationStatus } : {}),
        ...(facts.nextTrackAt !== undefined ? { nextTrackAt: facts.nextTrackAt } : {}),
        ...(source === "PUSH" ? {} : { lastTrackedAt: new Date() }),
      },
    });
    await tx.auditLog.create({
      data: {
        id: newId("aud"),
        shipmentId,
        auditId: randomUUID(),
        auditType: "TRACKING_UPDATE",
        source,
        note: `${applied.length} tracking event(s) applied`,
        updatedFields: locked.statusCode === rolled.statusCode ? [] : [{ fieldName: "statusCode", fieldOriginalValue: locked.statusCode }],
        version,
        trackingSource: source,
        previousStatusCode: locked.statusCode,
        statusCode: rolled.statusCode,
        previousTrackingStatus: locked.trackingStatus,
        trackingStatus,
      },
    });
    const trackingNumbers = cartons.filter((c) => touched.has(c.id) || urlChanges.some((u) => u.trackingNumber === c.trackingNumber));
    return {
      shipmentId,
      version,
      appliedEventIds: applied.map((e) => e.id),
      duplicateEventIds,
      update: {
        tenantId,
        shipmentId,
        version,
        source,
        previousStatus: locked.trackingStatus,
        status: trackingStatus,
        eventIds: applied.map((e) => e.id),
        trackingNumbers: trackingNumbers.map((c) => c.trackingNumber!).filter(Boolean),
      },
    };
  }
}
