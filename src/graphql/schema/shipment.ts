import type { Context } from "../../context.js";
import { NotFoundError } from "../../errors.js";
import type { Prisma, Shipment as ShipmentRow } from "../../generated/prisma/client.js";
import { queryFromInfo } from "@pothos/plugin-prisma";
import { type GraphQLResolveInfo, Kind } from "graphql";
import { resolveCursorConnection } from "@pothos/plugin-relay";
import { DEFAULT_PAGE_SIZE, PAGE_SIZE } from "../../input-limits.js";
import { builder } from "./builder.js";
import { FulfillmentMethod, ShipmentType, StatusCode, TrackingStatus, VerificationStatus } from "./enums.js";
import { byTrackingNumber, ShipmentFilter, shipmentsWhere } from "./shipment-filter.js";
import { cursorSelection, cursorWhere, encodeCursor, orderByClause, ShipmentOrder, shipmentOrder } from "./shipment-order.js";
import { chronological, trackingEventsConnection } from "./tracking-event.js";

const byPosition = { orderBy: { position: "asc" as const } };
/**
 * Every tracking update keeps an audit row (subscriptions replay versions from them), but fabric's
 * audit log lists changes to the document's own fields: a tracking update only once it moved one.
 */
const documentChanges: Prisma.AuditLogWhereInput = { OR: [{ trackingSource: null }, { NOT: { updatedFields: { equals: [] } } }] };

export const Shipment = builder.prismaNode("Shipment", {
  select: { id: true },
  description:
    "A shipment: fabric's shipment document (cartons, items, recipients, ship-to address, audit log) together with the sync API's courier tracking fields.",
  id: { field: "id", description: "Public id, `ship_…`." },
  // node(id) answers null for an id the caller has no such object for (Relay), not an error.
  nullable: true,
  findUnique: (id, ctx) => ({ id, tenantId: ctx.viewer.tenantId }),
  fields: (t) => ({
    version: t.exposeInt("version", { description: "Number of times the shipment document has been changed by any operation." }),
    shipmentId: t.exposeString("shipmentId", { nullable: true, description: "fabric's system-generated shipment id." }),
    shipmentNumber: t.exposeString("shipmentNumber", { nullable: true, description: "Merchant-defined unique shipment number." }),
    shipmentExternalId: t.exposeString("shipmentExternalId", {
      nullable: true,
      description: "Merchant's identifier for reconciling with external order management or fulfillment systems.",
    }),
    allocationId: t.exposeString("allocationId", { nullable: true, description: "Allocation this shipment was created from." }),
    invoiceId: t.exposeString("invoiceId", { nullable: true, description: "Invoice created at shipment (capture at shipment)." }),
    merchantInvoiceId: t.exposeString("merchantInvoiceId", { nullable: true, description: "Associated merchant invoice." }),
    locationNumber: t.exposeString("locationNumber", { nullable: true, description: "Ship-from location number." }),
    locationType: t.exposeString("locationType", { nullable: true, description: "Ship-from location type, e.g. DC." }),
    masterTrackingNumber: t.exposeString("masterTrackingNumber", {
      nullable: true,
      description: "Master tracking number for all cartons.",
    }),
    orderNumbers: t.exposeStringList("orderNumbers", { description: "Order numbers this shipment fulfils." }),
    poNumber: t.exposeString("poNumber", { nullable: true, description: "Merchant-defined purchase order number." }),
    reshipmentReasonCode: t.exposeString("reshipmentReasonCode", { nullable: true, description: "Why this is a reshipment." }),
    shipToId: t.exposeString("shipToId", { nullable: true, description: "Ship-to id from the Shipping service." }),
    shippedAt: t.expose("shippedAt", { type: "DateTime", nullable: true, description: "When the order shipped (UTC)." }),
    statusCode: t.expose("statusCode", {
      type: StatusCode,
      description:
        "fabric's lifecycle status. Tracking moves it only at the milestones fabric has a code for (all or some cartons delivered, a pickup collected, a return under way or received); scans on the way leave it as it was — `trackingStatus` says where the parcel is.",
    }),
    subtype: t.exposeString("subtype", { nullable: true, description: "Further classification, e.g. COD." }),
    totalCartons: t.exposeInt("totalCartons", { nullable: true, description: "Total number of cartons in the shipment." }),
    type: t.expose("type", { type: ShipmentType, description: "Shipment type." }),
    vendorId: t.exposeString("vendorId", { nullable: true, description: "Vendor responsible (drop-shipping)." }),
    channelId: t.exposeInt("channelId", { description: "fabric sales channel: 12 US, 13 Canada." }),
    fulfillmentMethod: t.expose("fulfillmentMethod", { type: FulfillmentMethod, description: "How the shipment is fulfilled." }),
    shipmentTrackingNumber: t.exposeString("shipmentTrackingNumber", {
      nullable: true,
      description: "Tracking number given by the courier for the shipment as a whole.",
    }),
    shipmentCourier: t.exposeString("shipmentCourier", {
      nullable: true,
      description: "Courier code, e.g. ups, fedex, usps, dhl, simulator. Any value is accepted; known couriers are verified instantly.",
    }),
    verificationStatus: t.expose("verificationStatus", {
      type: VerificationStatus,
      description: "Whether the courier confirmed the tracking number.",
    }),
    trackingStatus: t.expose("trackingStatus", {
      type: TrackingStatus,
      nullable: true,
      description: "Current tracking status from the courier.",
    }),
    trackingSubstatus: t.exposeString("trackingSubstatus", { nullable: true, description: "Detailed substatus, e.g. delivered_001." }),
    expectedDelivery: t.expose("expectedDelivery", { type: "DateTime", nullable: true, description: "Delivery expected by the courier." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the shipment was created (UTC)." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the shipment last changed (UTC)." }),
    cartons: t.relation("cartons", { description: "Cartons in the shipment.", query: byPosition }),
    recipients: t.relation("recipients", { description: "Recipients of the shipment.", query: byPosition }),
    shipToAddress: t.relation("shipToAddress", { nullable: true, description: "Where the shipment goes." }),
    scratchedItems: t.relation("scratchedItems", { description: "Items removed before shipping.", query: byPosition }),
    auditLogs: t.relation("auditLogs", {
      description:
        "Audited changes to the shipment document, oldest first: fabric's own entries, and a TRACKING_UPDATE entry when tracking moved `statusCode`. Tracking events themselves are in the cartons' `trackingEvents`.",
      query: { where: documentChanges, orderBy: [{ auditedAt: "asc" }, { id: "asc" }] },
    }),
    trackingEvents: t.relation("trackingEvents", {
      description: "Tracking events of all cartons, oldest first. `last` keeps only the most recent ones.",
      args: { last: t.arg.int({ required: false, description: `Only the most recent N events; at most ${PAGE_SIZE}.` }) },
      query: (args) => ({ orderBy: chronological, ...(args.last ? { take: -args.last } : {}) }),
    }),
    trackingEventsConnection: t.relatedConnection("trackingEvents", ...trackingEventsConnection("shipment")),
  }),
});

/** A dashboard tile asks `shipments(filter) { totalCount }` alone: no page to load then. */
function selectsOnlyTotalCount(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    node.selectionSet?.selections.every((s) => s.kind === Kind.FIELD && (s.name.value === "totalCount" || s.name.value === "__typename")),
  );
}

/**
 * One of the caller's shipments; NOT_FOUND (and null) when there is none — including when it belongs
 * to another tenant, which must not be told apart from "does not exist".
 */
async function ownShipment<Q extends object>(ctx: Context, query: Q, where: Prisma.ShipmentWhereInput) {
  return (
    (await ctx.db.shipment.findFirst({ ...query, where: { tenantId: ctx.viewer.tenantId, ...where } })) ??
    Promise.reject(new NotFoundError())
  );
}

builder.queryFields((t) => ({
  shipment: t.prismaField({
    type: Shipment,
    nullable: true,
    description: "A shipment by its id (`ship_…`). NOT_FOUND when it does not exist for the caller.",
    args: { id: t.arg.id({ required: true, description: "The shipment's public id, `ship_…`." }) },
    resolve: (query, _root, { id }, ctx) => ownShipment(ctx, query, { id: String(id) }),
  }),
  shipmentByNumber: t.prismaField({
    type: Shipment,
    nullable: true,
    description: "A shipment by its merchant-defined shipment number. NOT_FOUND when the caller has none with it.",
    args: { shipmentNumber: t.arg.string({ required: true, description: "The merchant-defined shipment number (exact match)." }) },
    resolve: (query, _root, { shipmentNumber }, ctx) => ownShipment(ctx, query, { shipmentNumber }),
  }),
  shipmentByTrackingNumber: t.prismaField({
    type: Shipment,
    nullable: true,
    description: "The shipment holding this tracking number (its own or one of its cartons'). NOT_FOUND when the caller has none with it.",
    args: { trackingNumber: t.arg.string({ required: true, description: "A shipment or carton tracking number (exact match)." }) },
    resolve: (query, _root, { trackingNumber }, ctx) => ownShipment(ctx, query, byTrackingNumber(trackingNumber)),
  }),
  shipments: t.connection(
    {
      type: Shipment,
      description: `The caller's shipments as a Relay connection, newest first unless \`orderBy\` says otherwise. Pages hold ${DEFAULT_PAGE_SIZE} shipments by default, at most ${PAGE_SIZE}. A cursor belongs to the \`orderBy\` it was issued for.`,
      args: {
        filter: t.arg({ type: ShipmentFilter, required: false, description: "Only shipments matching all of these conditions." }),
        orderBy: t.arg({ type: ShipmentOrder, required: false, description: "Sort order; newest first (CREATED_AT DESC) when omitted." }),
      },
      resolve: async (_root, args, ctx, info) => {
        const where = shipmentsWhere(args.filter, ctx.viewer.tenantId);
        const order = shipmentOrder(args.orderBy);
        // The nested selection (cartons, items, events…) joins into this one statement. Typed as the
        // plain row: what Pothos selects beyond it, its fields read back themselves.
        const selection: object = queryFromInfo({
          context: ctx,
          info,
          typeName: "Shipment",
          select: cursorSelection(order),
          paths: [["nodes"], ["edges", "node"]],
        });
        const page = await resolveCursorConnection<Promise<ShipmentRow[]>>(
          { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: PAGE_SIZE, toCursor: (row) => encodeCursor(order, row) },
          async ({ after, before, limit, inverted }) =>
            selectsOnlyTotalCount(info)
              ? []
              : ctx.db.shipment.findMany({
                  ...selection,
                  where: { AND: [where, ...cursorWhere(order, { after, before })] },
                  orderBy: orderByClause(order, inverted),
                  take: limit,
                }),
        );
        // Counted only when a client selects totalCount.
        return { ...page, totalCount: () => ctx.db.shipment.count({ where }) };
      },
    },
    {
      description: "A page of the caller's shipments.",
      fields: (c) => ({
        totalCount: c.int({
          description: "How many shipments match the filter, across all pages.",
          resolve: (connection) => connection.totalCount(),
        }),
      }),
    },
  ),
}));
