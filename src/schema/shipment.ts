import type { Context } from "../context.js";
import { NotFoundError } from "../errors.js";
import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "./builder.js";
import { FulfillmentMethod, ShipmentType, StatusCode, TrackingStatus, VerificationStatus } from "./enums.js";
import { chronological } from "./tracking-event.js";

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
    masterTrackingNumber: t.exposeString("masterTrackingNumber", { nullable: true, description: "Master tracking number for all cartons." }),
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
    verificationStatus: t.expose("verificationStatus", { type: VerificationStatus, description: "Whether the courier confirmed the tracking number." }),
    trackingStatus: t.expose("trackingStatus", { type: TrackingStatus, nullable: true, description: "Current tracking status from the courier." }),
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
      args: { last: t.arg.int({ required: false, description: "Only the most recent N events." }) },
      query: (args) => ({ orderBy: chronological, ...(args.last ? { take: -args.last } : {}) }),
    }),
  }),
});

const ShipmentFilter = builder.inputType("ShipmentFilter", {
  description: "Narrows `shipments`; all given conditions must hold.",
  fields: (t) => ({
    statusCode: t.field({ type: [StatusCode], required: false, description: "Any of these fabric statuses." }),
    trackingStatus: t.field({ type: [TrackingStatus], required: false, description: "Any of these tracking statuses." }),
    courier: t.string({ required: false, description: "Courier code, e.g. ups." }),
    trackingNumber: t.string({ required: false, description: "Shipment or carton tracking number." }),
    updatedSince: t.field({ type: "DateTime", required: false, description: "Changed at or after this instant." }),
  }),
});

function byTrackingNumber(trackingNumber: string): Prisma.ShipmentWhereInput {
  return { OR: [{ shipmentTrackingNumber: trackingNumber }, { cartons: { some: { trackingNumber } } }] };
}

type Filter = typeof ShipmentFilter.$inferInput;

function shipmentsWhere(filter: Filter | null | undefined, tenantId: string): Prisma.ShipmentWhereInput {
  return {
    tenantId,
    ...(filter?.statusCode ? { statusCode: { in: filter.statusCode } } : {}),
    ...(filter?.trackingStatus ? { trackingStatus: { in: filter.trackingStatus } } : {}),
    ...(filter?.courier ? { shipmentCourier: filter.courier.toLowerCase() } : {}),
    ...(filter?.updatedSince ? { updatedAt: { gte: filter.updatedSince } } : {}),
    ...(filter?.trackingNumber ? byTrackingNumber(filter.trackingNumber) : {}),
  };
}

/**
 * One of the caller's shipments; NOT_FOUND (and null) when there is none — including when it belongs
 * to another tenant, which must not be told apart from "does not exist".
 */
async function ownShipment<Q extends object>(ctx: Context, query: Q, where: Prisma.ShipmentWhereInput) {
  return (await ctx.db.shipment.findFirst({ ...query, where: { tenantId: ctx.viewer.tenantId, ...where } })) ?? Promise.reject(new NotFoundError());
}

builder.queryFields((t) => ({
  shipment: t.prismaField({
    type: Shipment,
    nullable: true,
    description: "A shipment by its id (`ship_…`). NOT_FOUND when it does not exist for the caller.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => ownShipment(ctx, query, { id: String(id) }),
  }),
  shipmentByNumber: t.prismaField({
    type: Shipment,
    nullable: true,
    description: "A shipment by its merchant-defined shipment number.",
    args: { shipmentNumber: t.arg.string({ required: true }) },
    resolve: (query, _root, { shipmentNumber }, ctx) => ownShipment(ctx, query, { shipmentNumber }),
  }),
  shipmentByTrackingNumber: t.prismaField({
    type: Shipment,
    nullable: true,
    description: "The shipment holding this tracking number (its own or one of its cartons').",
    args: { trackingNumber: t.arg.string({ required: true }) },
    resolve: (query, _root, { trackingNumber }, ctx) => ownShipment(ctx, query, byTrackingNumber(trackingNumber)),
  }),
  shipments: t.prismaConnection({
    type: Shipment,
    cursor: "id",
    description: "The caller's shipments, newest first, as a Relay connection.",
    args: { filter: t.arg({ type: ShipmentFilter, required: false }) },
    maxSize: 100,
    defaultSize: 20,
    // Counted only when a client selects totalCount.
    totalCount: (_root, { filter }, ctx) => ctx.db.shipment.count({ where: shipmentsWhere(filter, ctx.viewer.tenantId) }),
    resolve: (query, _root, { filter }, ctx) =>
      ctx.db.shipment.findMany({ ...query, where: shipmentsWhere(filter, ctx.viewer.tenantId), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  }),
}));
