/**
 * `statusCounts`: how many of the caller's shipments are in each tracking status, for a dashboard's
 * tiles. It takes the same filter as `shipments`, so a tile and the list it opens agree.
 */
import type { TrackingStatus as TrackingStatusValue } from "../../generated/prisma/enums.js";
import { builder } from "./builder.js";
import { TrackingStatus } from "./enums.js";
import { ShipmentFilter, shipmentsWhere } from "./shipment-filter.js";

interface StatusCountShape {
  trackingStatus: TrackingStatusValue | null;
  count: number;
}

const StatusCount = builder.objectRef<StatusCountShape>("StatusCount").implement({
  description: "The number of shipments in one tracking status.",
  fields: (t) => ({
    trackingStatus: t.expose("trackingStatus", {
      type: TrackingStatus,
      nullable: true,
      description: "The tracking status; null for shipments the courier has not reported on yet.",
    }),
    count: t.exposeInt("count", { description: "How many shipments are in it." }),
  }),
});

builder.queryFields((t) => ({
  statusCounts: t.field({
    type: [StatusCount],
    description:
      "The caller's shipments counted by tracking status (one GROUP BY), for a dashboard. Only statuses with at least one shipment are listed, in lifecycle order, untracked last.",
    args: { filter: t.arg({ type: ShipmentFilter, required: false, description: "The same filter as `shipments`." }) },
    resolve: async (_root, { filter }, ctx) => {
      const groups = await ctx.db.shipment.groupBy({
        by: ["trackingStatus"],
        where: shipmentsWhere(filter, ctx.viewer.tenantId),
        _count: { _all: true },
        orderBy: { trackingStatus: "asc" },
      });
      return groups.map((g) => ({ trackingStatus: g.trackingStatus, count: g._count._all }));
    },
  }),
}));
