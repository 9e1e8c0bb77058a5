/**
 * The pull path (the sync seed's `POST /shipments/{id}/sync`): ask the shipment's courier about its
 * tracking numbers and feed the answer to the ingestion core, which dedupes, orders, bumps the version
 * and publishes. Used by `syncShipmentTracking` (source SYNC) and by background tracking (POLL).
 * Nothing of the schema here, as in ingest.ts.
 */
import type { CourierAdapter, CourierEvent, CourierPiece, CourierTracking } from "../couriers/adapter.js";
import { detectCourier, verifyFormat } from "../couriers/detect.js";
import type { CourierRegistry } from "../couriers/registry.js";
import type { Db } from "../db/client.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { TrackingSource, TrackingStatus } from "../generated/prisma/enums.js";
import { UNOBSERVED, type ShipmentChanges } from "../shipments/changes.js";
import type { CartonTracking, IncomingEvent, IngestResult, TrackingIngestor } from "./ingest.js";

export interface SyncRequest {
  tenantId: string;
  shipmentId: string;
  /** Who asked the courier: a client (SYNC) or background tracking (POLL). */
  source: Extract<TrackingSource, "SYNC" | "POLL">;
  /** Cancels the courier call; the courier's own timeout applies either way. */
  signal?: AbortSignal;
}

export interface SyncOutcome {
  /**
   * What the ingestion core did; null when no courier could be asked (no connector for the
   * shipment's courier code, or one without credentials) and the shipment was left as it was.
   */
  result: IngestResult | null;
  /** The shipment's tracking status after the sync. */
  trackingStatus: TrackingStatus | null;
  /** Courier activities that could not be read; the connector logged each one. */
  droppedEvents: number;
}

/** One tracking number of a shipment, and the carton it belongs to. */
interface Target {
  trackingNumber: string;
  /** Where a validation error points. */
  path: string;
  /** The shipment-level number may have no carton yet; a sync that finds events creates it. */
  cartonExists: boolean;
}

interface ShipmentToSync {
  shipmentCourier: string | null;
  shipmentTrackingNumber: string | null;
  trackingStatus: TrackingStatus | null;
  cartons: { trackingNumber: string | null }[];
}

/**
 * The numbers a sync asks about: the shipment's own tracking number (the sync seed's field) when it
 * has one, else each carton's (fabric's documents put them there).
 */
function targetsOf(shipment: ShipmentToSync): Target[] {
  const cartonNumbers = shipment.cartons.map((c) => c.trackingNumber);
  if (shipment.shipmentTrackingNumber) {
    return [
      {
        trackingNumber: shipment.shipmentTrackingNumber,
        path: "shipmentTrackingNumber",
        cartonExists: cartonNumbers.includes(shipment.shipmentTrackingNumber),
      },
    ];
  }
  return cartonNumbers.flatMap((trackingNumber, i) =>
    trackingNumber ? [{ trackingNumber, path: `cartons[${i}].trackingNumber`, cartonExists: true }] : [],
  );
}

function toIncoming(e: CourierEvent): IncomingEvent {
  return {
    event: e.event,
    eventId: e.eventId,
    eventRecordedAt: e.eventRecordedAt,
    localTime: e.localTime,
    location: e.location,
    carrierStatusCode: e.carrierCode,
    normalized: { status: e.status, substatus: e.substatus },
  };
}

const canonical = (trackingNumber: string) => trackingNumber.replace(/\s+/g, "").toUpperCase();

/** One carton's share of the courier's answers: its events and who signed for it. */
interface PieceOfCarton {
  trackingNumber: string;
  events: CourierEvent[];
  signedBy: string | null;
  exists: boolean;
}

/**
 * Which carton each piece of an answer belongs to: the piece with the asked number (or the only
 * piece, whatever spelling the courier echoes) is the target's carton; the other pieces of a
 * multi-piece shipment are cartons of their own number, created when the shipment lacks them.
 * Pieces reported twice (one number under two services) share their carton.
 */
function cartonsOf(targets: Target[], answers: CourierTracking[], cartonNumbers: Set<string>): PieceOfCarton[] {
  const byNumber = new Map<string, PieceOfCarton>();
  targets.forEach((target, i) => {
    const pieces: CourierPiece[] = answers[i]?.pieces ?? [];
    for (const piece of pieces) {
      const own = pieces.length === 1 || canonical(piece.trackingNumber) === canonical(target.trackingNumber);
      const trackingNumber = own ? target.trackingNumber : piece.trackingNumber;
      const carton = byNumber.get(trackingNumber) ?? {
        trackingNumber,
        events: [],
        signedBy: null,
        exists: own ? target.cartonExists : cartonNumbers.has(trackingNumber),
      };
      carton.events.push(...piece.events);
      carton.signedBy ??= piece.signedBy;
      byNumber.set(trackingNumber, carton);
    }
  });
  return [...byNumber.values()];
}

/** The latest delivery promise among the answers: a shipment is delivered when its last carton is. */
function expectedDeliveryOf(answers: CourierTracking[]): Date | undefined {
  const promised = answers.flatMap((a) => (a.expectedDelivery ? [a.expectedDelivery.getTime()] : []));
  return promised.length ? new Date(Math.max(...promised)) : undefined;
}

export class ShipmentSync {
  constructor(
    private readonly db: Db,
    private readonly couriers: CourierRegistry,
    private readonly tracking: TrackingIngestor,
    private readonly changes: ShipmentChanges = UNOBSERVED,
  ) {}

  /**
   * Syncs one shipment of the tenant. Throws `NotFoundError` for another tenant's or a missing
   * shipment, `ValidationError` when a verifying courier's format rejects a number (before any call),
   * and the courier's `CourierError` when it fails — in which case nothing was written.
   */
  async sync(request: SyncRequest): Promise<SyncOutcome> {
    const { shipment, targets } = await this.load(request.tenantId, request.shipmentId);
    const courier = this.courierFor(shipment.shipmentCourier, targets[0]!.trackingNumber);
    if (!courier) return { result: null, trackingStatus: shipment.trackingStatus, droppedEvents: 0 };
    if (courier.verifies) verifyNumbers(courier, targets);

    const answers = await courier.track(
      targets.map((t) => t.trackingNumber),
      request.signal ?? new AbortController().signal,
    );
    // Answers come in the order asked, whatever number spelling the courier echoes.
    const pieces = cartonsOf(targets, answers, new Set(shipment.cartons.flatMap((c) => (c.trackingNumber ? [c.trackingNumber] : []))));
    const cartons: CartonTracking[] = pieces
      .filter((p) => p.events.length > 0)
      .map((p) => ({
        trackingNumber: p.trackingNumber,
        events: p.events.map(toIncoming),
        newCarton: p.exists ? undefined : { shipmentCarrier: courier.code.toUpperCase() },
      }));
    const result = await this.tracking.ingest({
      tenantId: request.tenantId,
      shipmentId: request.shipmentId,
      source: request.source,
      cartons,
      facts: {
        expectedDelivery: expectedDeliveryOf(answers),
        // Instant verification: the courier itself confirmed every number.
        verificationStatus: courier.verifies && answers.every((a) => a.found) ? "VERIFIED" : undefined,
      },
    });
    await this.recordSignatures(request, pieces);
    return {
      result,
      trackingStatus: result.update?.status ?? shipment.trackingStatus,
      droppedEvents: answers.reduce((sum, a) => sum + a.droppedEvents, 0),
    };
  }

  /**
   * Stores who signed for each carton (proof of delivery). It is a fact about the carton, not a
   * tracking event, so it neither bumps the version nor publishes.
   */
  private async recordSignatures(request: SyncRequest, pieces: PieceOfCarton[]) {
    const signed: string[] = [];
    for (const { trackingNumber, signedBy } of pieces) {
      if (!signedBy) continue;
      const cartons = await this.db.carton.updateManyAndReturn({
        where: {
          tenantId: request.tenantId,
          shipmentId: request.shipmentId,
          trackingNumber,
          OR: [{ signedBy: null }, { signedBy: { not: signedBy } }],
        },
        data: { signedBy },
        select: { id: true },
      });
      signed.push(...cartons.map((c) => c.id));
    }
    if (signed.length) await this.changes.committed({ tenantId: request.tenantId, rowIds: [request.shipmentId, ...signed] });
  }

  /**
   * Marks the shipment `EXPIRED` (AfterShip's `expired_001`: no tracking information for a long
   * time) through the ingestion core, so the change is versioned, audited and published like any
   * other. The marker is an event of ours on each tracked carton, worded as such.
   */
  async expire(request: { tenantId: string; shipmentId: string; days: number; now: Date }): Promise<IngestResult> {
    const { shipment, targets } = await this.load(request.tenantId, request.shipmentId);
    const shipmentCarrier = shipment.shipmentCourier?.toUpperCase() ?? null;
    return this.tracking.ingest({
      tenantId: request.tenantId,
      shipmentId: request.shipmentId,
      source: "POLL",
      cartons: targets.map((target) => ({
        trackingNumber: target.trackingNumber,
        newCarton: target.cartonExists ? undefined : { shipmentCarrier },
        events: [
          {
            event: `No tracking updates for ${request.days} days; tracking stopped`,
            eventId: `expired:${target.trackingNumber}:${request.now.getTime()}`,
            eventRecordedAt: request.now,
            normalized: { status: "EXPIRED", substatus: "expired_001" },
          },
        ],
      })),
    });
  }

  private async load(tenantId: string, shipmentId: string) {
    const shipment = await this.db.shipment.findFirst({
      where: { id: shipmentId, tenantId },
      select: {
        shipmentCourier: true,
        shipmentTrackingNumber: true,
        trackingStatus: true,
        cartons: { select: { trackingNumber: true }, orderBy: { position: "asc" } },
      },
    });
    if (!shipment) throw new NotFoundError();
    const targets = targetsOf(shipment);
    if (targets.length === 0)
      throw new ValidationError([{ path: "shipmentTrackingNumber", message: "the shipment has no tracking number to sync" }]);
    return { shipment, targets };
  }

  /**
   * The shipment's courier, or the one whose format the number passes; undefined when we have no
   * configured connector for it — the seed accepts any courier value and verifies only those it can ask.
   */
  private courierFor(shipmentCourier: string | null, trackingNumber: string): CourierAdapter | undefined {
    const code = shipmentCourier ?? detectCourier(trackingNumber)?.courier;
    const courier = code ? this.couriers.get(code) : undefined;
    return courier?.configured ? courier : undefined;
  }
}

/** Rejects numbers the courier's format and check digit rule out, so we never ask it about them. */
function verifyNumbers(courier: CourierAdapter, targets: Target[]) {
  const invalid = targets.filter((t) => verifyFormat(courier.code, t.trackingNumber) === false);
  if (invalid.length) {
    throw new ValidationError(
      invalid.map((t) => ({ path: t.path, message: `"${t.trackingNumber}" is not a valid ${courier.name} tracking number` })),
    );
  }
}
