/** Mutation.syncShipmentTracking: the sync seed's `POST /shipments/{shipment_id}/sync` as GraphQL. */
import { builder } from "./builder.js";
import { Shipment } from "./shipment.js";

builder.mutationField("syncShipmentTracking", (t) =>
  t.prismaField({
    type: Shipment,
    nullable: true,
    description:
      "Fetches the latest tracking from the shipment's courier (shipmentCourier, else detected from the tracking number) and applies it: new events are stored once, status, expectedDelivery and verificationStatus (VERIFIED when the courier confirms the number) are updated, the version is bumped only when something changed, and trackingUpdated subscribers are notified with source SYNC. A courier we cannot ask (no connector, no credentials) leaves the shipment as it is. BAD_USER_INPUT when the courier's format rules the number out; COURIER_ERROR when the courier fails, and then nothing is written.",
    args: { shipmentId: t.arg.id({ required: true, description: "The shipment to sync (`ship_…`)." }) },
    resolve: async (query, _root, args, ctx) => {
      const shipmentId = String(args.shipmentId);
      await ctx.sync.sync({ tenantId: ctx.viewer.tenantId, shipmentId, source: "SYNC" });
      return ctx.db.shipment.findUniqueOrThrow({ ...query, where: { id: shipmentId } });
    },
  }),
);
