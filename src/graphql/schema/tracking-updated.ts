/** Subscription.trackingUpdated and the TrackingUpdate it delivers; the updates come from tracking/subscription.ts. */
import { perMessage } from "../../tracking/bus.js";
import type { TrackingUpdateMessage } from "../../tracking/messages.js";
import { trackingUpdates } from "../../tracking/subscription.js";
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

builder.subscriptionType({
  description: "Live updates over WebSocket (graphql-ws) or server-sent events: only ever the caller's own tenant's.",
});
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
      trackingUpdates(
        ctx,
        ctx.viewer.tenantId,
        {
          shipmentId: args.shipmentId ? String(args.shipmentId) : undefined,
          trackingNumber: args.trackingNumber ?? undefined,
          afterVersion: args.afterVersion,
          afterSequence: args.afterSequence,
        },
        { maxPending: ctx.delivery.maxPendingUpdates, onTooSlow: ctx.closeConnection },
      ),
    resolve: (message) => message,
  }),
);
