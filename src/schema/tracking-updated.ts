/** Subscription.trackingUpdated and the TrackingUpdate it delivers. */
import type { Context } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { perMessage, topicOf } from "../pubsub.js";
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
    source: t.expose("source", { type: TrackingSource, description: "PUSH, SYNC or POLL." }),
  }),
});

interface Filter {
  shipmentId?: string;
  trackingNumber?: string;
  afterVersion?: number | null;
}

/** Changes after `afterVersion`, from the audit log, in version order. */
async function replay(ctx: Context, shipmentId: string, afterVersion: number): Promise<TrackingUpdateMessage[]> {
  const [logs, events] = await Promise.all([
    ctx.db.auditLog.findMany({
      where: { shipmentId, version: { gt: afterVersion }, trackingSource: { not: null } },
      orderBy: { version: "asc" },
    }),
    ctx.db.trackingEvent.findMany({
      where: { shipmentId, shipmentVersion: { gt: afterVersion } },
      orderBy: chronological,
      select: { id: true, shipmentVersion: true, carton: { select: { trackingNumber: true } } },
    }),
  ]);
  return logs.map((log) => {
    const applied = events.filter((e) => e.shipmentVersion === log.version);
    return {
      tenantId: ctx.viewer.tenantId,
      shipmentId,
      version: log.version!,
      source: log.trackingSource!,
      previousStatus: log.previousTrackingStatus,
      status: log.trackingStatus,
      eventIds: applied.map((e) => e.id),
      trackingNumbers: [...new Set(applied.map((e) => e.carton.trackingNumber!).filter(Boolean))],
    };
  });
}

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
  if (filter.afterVersion != null && !shipmentId) {
    throw new ValidationError([{ path: "afterVersion", message: "needs shipmentId or trackingNumber: versions count per shipment" }]);
  }
  // Start listening before the replay reads the database, so nothing committed in between is lost.
  const live = ctx.pubsub.subscribe(topicOf(tenantId))[Symbol.asyncIterator]();
  let next = live.next();
  try {
    let seen = filter.afterVersion ?? 0;
    if (filter.afterVersion != null) {
      for (const message of await replay(ctx, shipmentId!, filter.afterVersion)) {
        seen = message.version;
        yield message;
      }
    }
    for (;;) {
      const { value: message, done } = await next;
      if (done) return;
      next = live.next();
      if (shipmentId && (message.shipmentId !== shipmentId || message.version <= seen)) continue;
      if (filter.trackingNumber && !message.trackingNumbers.includes(filter.trackingNumber)) continue;
      yield message;
    }
  } finally {
    await live.return?.();
  }
}

builder.subscriptionType({});
builder.subscriptionField("trackingUpdated", (t) =>
  t.field({
    type: TrackingUpdate,
    description:
      "Tracking changes of the caller's shipments as they commit: all of them, one shipment, or one tracking number. With afterVersion (and a shipment), the changes after that version are replayed first, so a reconnecting client misses nothing.",
    args: {
      shipmentId: t.arg.id({ description: "Only this shipment (`ship_…`)." }),
      trackingNumber: t.arg.string({ description: "Only changes to the carton with this tracking number." }),
      afterVersion: t.arg.int({ description: "Replay this shipment's changes after this version, then go live." }),
    },
    subscribe: (_root, args, ctx) =>
      trackingUpdates(ctx, { shipmentId: args.shipmentId ? String(args.shipmentId) : undefined, trackingNumber: args.trackingNumber ?? undefined, afterVersion: args.afterVersion }),
    resolve: (message) => message,
  }),
);
