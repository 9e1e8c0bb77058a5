/** Shipment.publicTrackingUrl: the link a merchant sends its customer. */
import { builder } from "./builder.js";

builder.prismaObjectField("Shipment", "publicTrackingUrl", (t) =>
  t.string({
    nullable: true,
    description:
      "A public tracking page for this shipment, to send to its recipient: status, progress, expected delivery and tracking history, updating live, with no recipient details. The token in the link opens this one shipment only and does not expire. Null while the shipment has no tracking number.",
    select: {
      id: true,
      shipmentTrackingNumber: true,
      cartons: { select: { trackingNumber: true }, where: { trackingNumber: { not: null } }, orderBy: { position: "asc" }, take: 1 },
    },
    resolve: async (shipment, _args, ctx) => {
      const trackingNumber = shipment.cartons[0]?.trackingNumber ?? shipment.shipmentTrackingNumber;
      if (!trackingNumber) return null;
      const token = await ctx.trackingPage.tokens.tokenFor(shipment.id);
      const base = ctx.trackingPage.publicUrl ?? (ctx.request ? new URL(ctx.request.url).origin : "");
      return `${base}/track/${encodeURIComponent(trackingNumber)}?token=${token}`;
    },
  }),
);
