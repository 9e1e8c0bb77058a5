/** Subscription.trackingUpdated and the TrackingUpdate it delivers. */
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { perMessage, TOO_SLOW_CLOSE_CODE } from "../pubsub.js";
import type { TrackingUpdateMessage } from "../tracking/messages.js";
import { builder } from "./builder.js";
import { TrackingSource, TrackingStatus } from "./enums.js";
import { Shipment } from "./shipment.js";
import { chronological, TrackingEvent } from "./tracking-event.js";

/** Loads per message and selection: N subscribers with the same selection cost one query. */
const loadOnce = perMessage();

const TrackingUpdate = builder.objectRef<TrackingUpdateMessage>("TrackingUpdate").implement({
  description: "A committed change to a shipment's tracking.",
  fields: (t) => ({
    shipment: t.prismaField({
      type: Shipment,
      description: "The shipment as it is now, with your selection.",
      resolve: (query, message, _args, ctx) =>
        loadOnce(message, JSON.stringify(["shipment", query]), () =>
          ctx.db.shipment.findUniqueOrThrow({ ...query, where: { id: message.shipmentId } }),
        ),
    }),
    events: t.prismaField({
      type: [TrackingEvent],
      description: "The events this change applied, oldest first.",
      resolve: (query, message, _args, ctx) =>
        loadOnce(message, JSON.stringify(["events", query]), () =>
          ctx.db.trackingEvent.findMany({ ...query, where: { id: { in: message.eventIds } }, orderBy: chronological }),
        ),
    }),
    previousStatus: t.expose("previousStatus", { type: TrackingStatus, nullable: true, description: "Tracking status before the change." }),
    status: t.expose("status", { type: TrackingStatus, nullable: true, description: "Tracking status after the change." }),
    version: t.exposeInt("version", { description: "The shipment version this change produced." }),
    sequence: t.exposeInt("sequence", {
      description:
        "This change's place among all of the tenant's tracking changes: gap-free and increasing in commit order. Resume a subscription after a disconnect with `afterSequence` set to the last one you received.",
    }),
    source: t.expose("source", { type: TrackingSource, description: "PUSH, SYNC or POLL." }),
  }),
});

interface Filter {
  shipmentId?: string;
  trackingNumber?: string;
  afterVersion?: number | null;
  afterSequence?: number | null;
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
async function headOf(ctx: Context): Promise<number> {
  const row = await ctx.db.trackingSequence.findUnique({ where: { tenantId: ctx.viewer.tenantId }, select: { last: true } });
  return row?.last ?? 0;
}

function validate(filter: Filter, shipmentId: string | undefined) {
  const problems = [];
  if (filter.afterVersion != null && !shipmentId) {
    problems.push({ path: "afterVersion", message: "needs shipmentId or trackingNumber: versions count per shipment" });
  }
  if (filter.afterVersion != null && filter.afterSequence != null) problems.push({ path: "afterSequence", message: "give afterSequence or afterVersion, not both" });
  if (filter.afterSequence != null && filter.afterSequence < 0) problems.push({ path: "afterSequence", message: "must not be negative" });
  if (problems.length) throw new ValidationError(problems);
}

/**
 * The updates after a resume position, then live. Delivery is at least once from the log and the bus,
 * exactly once from here: `position` is the tenant sequence delivered (or passed over) so far, so a
 * repeat is dropped, and a gap — an update the bus lost — is filled from the delivery log.
 */
async function* trackingUpdates(ctx: Context, filter: Filter): AsyncGenerator<TrackingUpdateMessage> {
  const { tenantId } = ctx.viewer;
  let shipmentId = filter.shipmentId;
  if (shipmentId || filter.trackingNumber) {
    const shipment = await ctx.db.shipment.findFirst({
      where: {
        tenantId,
        ...(shipmentId ? { id: shipmentId } : {}),
        ...(filter.trackingNumber ? { cartons: { some: { trackingNumber: filter.trackingNumber } } } : {}),
      },
      select: { id: true },
    });
    if (!shipment) throw new NotFoundError();
    shipmentId = shipment.id;
  }
  validate(filter, shipmentId);
  const trackingNumber = filter.trackingNumber;
  const ours = {
    tenantId,
    ...(shipmentId ? { shipmentId } : {}),
    ...(trackingNumber ? { trackingNumbers: { has: trackingNumber } } : {}),
  };
  const matches = (m: TrackingUpdateMessage) =>
    (!shipmentId || m.shipmentId === shipmentId) && (!trackingNumber || m.trackingNumbers.includes(trackingNumber));

  const live = ctx.pubsub.subscribe(tenantId, {
    maxPending: ctx.delivery.maxPendingUpdates,
    onOverflow: (error) => ctx.closeConnection?.(TOO_SLOW_CLOSE_CODE, error.message),
  });
  try {
    let resumeAt = filter.afterSequence;
    if (filter.afterVersion != null) {
      // Versions count per shipment: resume just before the shipment's first change after afterVersion.
      const first = await ctx.db.trackingUpdateLog.findFirst({
        where: { ...ours, version: { gt: filter.afterVersion } },
        orderBy: { sequence: "asc" },
        select: { sequence: true },
      });
      if (first) resumeAt = first.sequence - 1;
    }
    await live.ready;
    // Without a resume position, start at the head — but updates that arrived while it was being
    // read came after the subscription began, so they are delivered too.
    let position = resumeAt ?? Math.min(await headOf(ctx), live.earliestWaiting() - 1);
    /** This subscription's updates in (position, through], from the log. */
    async function* catchUp(through: number) {
      while (position < through) {
        const rows = await ctx.db.trackingUpdateLog.findMany({
          where: { ...ours, sequence: { gt: position, lte: through } },
          orderBy: { sequence: "asc" },
          take: LOG_PAGE,
          select: MESSAGE_FIELDS,
        });
        yield* rows;
        position = rows.length < LOG_PAGE ? through : rows.at(-1)!.sequence;
      }
    }

    if (resumeAt != null) yield* catchUp(await headOf(ctx));
    for (;;) {
      const { value: signal, done } = await live.next();
      if (done) return;
      if (signal === "resync") yield* catchUp(await headOf(ctx));
      else if (signal.sequence === position + 1) {
        position = signal.sequence;
        if (matches(signal)) yield signal;
      } else if (signal.sequence > position) yield* catchUp(signal.sequence);
    }
  } finally {
    await live.return();
  }
}

builder.subscriptionType({ description: "Live updates over WebSocket (graphql-ws) or server-sent events: only ever the caller's own tenant's." });
builder.subscriptionField("trackingUpdated", (t) =>
  t.field({
    type: TrackingUpdate,
    description:
      "Tracking changes of the caller's shipments as they commit: all of them, one shipment, or one tracking number. Each change arrives once, in commit order. With afterSequence (any filter) or afterVersion (one shipment), the changes after that position are replayed first, so a reconnecting client misses nothing. A subscriber that falls more than a bounded number of updates behind is closed (WebSocket code 4470) and resumes with afterSequence.",
    args: {
      shipmentId: t.arg.id({ description: "Only this shipment (`ship_…`)." }),
      trackingNumber: t.arg.string({ description: "Only changes to the carton with this tracking number." }),
      afterVersion: t.arg.int({ description: "Replay this shipment's changes after this version, then go live." }),
      afterSequence: t.arg.int({ description: "Replay the changes after this sequence (the last `sequence` you received), then go live." }),
    },
    subscribe: (_root, args, ctx) =>
      trackingUpdates(ctx, {
        shipmentId: args.shipmentId ? String(args.shipmentId) : undefined,
        trackingNumber: args.trackingNumber ?? undefined,
        afterVersion: args.afterVersion,
        afterSequence: args.afterSequence,
      }),
    resolve: (message) => message,
  }),
);
