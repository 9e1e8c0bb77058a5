/**
 * A subscriber's tracking updates: replayed from the delivery log after a resume position, then live
 * from the bus. Delivery is at least once from the log and the bus, exactly once from here.
 */
import type { Db } from "../db/client.js";
import { NotFoundError, ValidationError, type ValidationDetail } from "../errors.js";
import type { TrackingBus } from "./bus.js";
import type { TrackingUpdateMessage } from "./messages.js";

/** Which updates a subscriber wants, and where it resumes. */
export interface TrackingUpdatesFilter {
  /** Only this shipment (its public id). */
  shipmentId?: string;
  /** Only changes to the carton with this tracking number. */
  trackingNumber?: string;
  /** Replay this shipment's changes after this version. */
  afterVersion?: number | null;
  /** Replay the changes after this tenant sequence. */
  afterSequence?: number | null;
}

export interface TrackingUpdatesOptions {
  /** Updates that may wait for a slow consumer before the subscription is ended. */
  maxPending: number;
  /** Sends a consumer that fell too far behind away, while it may be stuck and not pulling. */
  onTooSlow?: (closeCode: number, reason: string) => void;
}

/** Where the updates come from: the tenant's delivery log and the bus. */
export interface TrackingUpdateSources {
  db: Db;
  pubsub: TrackingBus;
}

/** Delivery log rows read per query while catching up. */
const LOG_PAGE = 500;

const MESSAGE_FIELDS = {
  tenantId: true,
  sequence: true,
  shipmentId: true,
  version: true,
  source: true,
  previousStatus: true,
  status: true,
  eventIds: true,
  trackingNumbers: true,
} as const;

/** The tenant's last committed sequence number. */
async function headOf(db: Db, tenantId: string): Promise<number> {
  const row = await db.trackingSequence.findUnique({ where: { tenantId }, select: { last: true } });
  return row?.last ?? 0;
}

function validate(filter: TrackingUpdatesFilter, shipmentId: string | undefined) {
  const problems: ValidationDetail[] = [];
  if (filter.afterVersion != null && !shipmentId) {
    problems.push({ path: "afterVersion", message: "needs shipmentId or trackingNumber: versions count per shipment" });
  }
  if (filter.afterVersion != null && filter.afterSequence != null)
    problems.push({ path: "afterSequence", message: "give afterSequence or afterVersion, not both" });
  if (filter.afterSequence != null && filter.afterSequence < 0) problems.push({ path: "afterSequence", message: "must not be negative" });
  if (problems.length) throw new ValidationError(problems);
}

/** The shipment the filter names, within the tenant; undefined when it names none. */
async function shipmentOf(db: Db, tenantId: string, filter: TrackingUpdatesFilter): Promise<string | undefined> {
  if (!filter.shipmentId && !filter.trackingNumber) return undefined;
  const shipment = await db.shipment.findFirst({
    where: {
      tenantId,
      ...(filter.shipmentId ? { id: filter.shipmentId } : {}),
      ...(filter.trackingNumber ? { cartons: { some: { trackingNumber: filter.trackingNumber } } } : {}),
    },
    select: { id: true },
  });
  if (!shipment) throw new NotFoundError();
  return shipment.id;
}

/**
 * The tenant's updates that pass `filter`, after its resume position, then live. `position` is the
 * tenant sequence delivered (or passed over) so far, so a repeat is dropped, and a gap — an update
 * the bus lost — is filled from the delivery log.
 */
export async function* trackingUpdates(
  { db, pubsub }: TrackingUpdateSources,
  tenantId: string,
  filter: TrackingUpdatesFilter,
  options: TrackingUpdatesOptions,
): AsyncGenerator<TrackingUpdateMessage> {
  const shipmentId = await shipmentOf(db, tenantId, filter);
  validate(filter, shipmentId);
  const trackingNumber = filter.trackingNumber;
  const ours = {
    tenantId,
    ...(shipmentId ? { shipmentId } : {}),
    ...(trackingNumber ? { trackingNumbers: { has: trackingNumber } } : {}),
  };
  const matches = (m: TrackingUpdateMessage) =>
    (!shipmentId || m.shipmentId === shipmentId) && (!trackingNumber || m.trackingNumbers.includes(trackingNumber));

  const live = pubsub.subscribe(
    { tenantId },
    { maxPending: options.maxPending, onOverflow: (error) => options.onTooSlow?.(error.closeCode, error.message) },
  );
  try {
    let resumeAt = filter.afterSequence;
    if (filter.afterVersion != null) {
      // Versions count per shipment: resume just before the shipment's first change after afterVersion.
      const first = await db.trackingUpdateLog.findFirst({
        where: { ...ours, version: { gt: filter.afterVersion } },
        orderBy: { sequence: "asc" },
        select: { sequence: true },
      });
      if (first) resumeAt = first.sequence - 1;
    }
    await live.ready;
    // Without a resume position, start at the head — but updates that arrived while it was being
    // read came after the subscription began, so they are delivered too.
    let position = resumeAt ?? Math.min(await headOf(db, tenantId), live.earliestWaiting() - 1);
    /** This subscription's updates in (position, through], from the log. */
    async function* catchUp(through: number) {
      while (position < through) {
        const rows = await db.trackingUpdateLog.findMany({
          where: { ...ours, sequence: { gt: position, lte: through } },
          orderBy: { sequence: "asc" },
          take: LOG_PAGE,
          select: MESSAGE_FIELDS,
        });
        yield* rows;
        position = rows.length < LOG_PAGE ? through : rows.at(-1)!.sequence;
      }
    }

    if (resumeAt != null) yield* catchUp(await headOf(db, tenantId));
    for (;;) {
      const { value: signal, done } = await live.next();
      if (done) return;
      if (signal === "resync") yield* catchUp(await headOf(db, tenantId));
      else if (signal.sequence === position + 1) {
        position = signal.sequence;
        if (matches(signal)) yield signal;
      } else if (signal.sequence > position) yield* catchUp(signal.sequence);
    }
  } finally {
    await live.return();
  }
}
