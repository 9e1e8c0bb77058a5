import { PAGE_SIZE } from "../../input-limits.js";
import { builder } from "./builder.js";
import { TrackingStatus } from "./enums.js";
import { chronological, trackingEventsConnection } from "./tracking-event.js";

builder.prismaNode("Carton", {
  select: { id: true },
  description: "A package within a shipment; one tracking number per carton.",
  id: { field: "id", description: "Public id, `ctn_…`." },
  // node(id) answers null for an id the caller has no such object for (Relay), not an error.
  nullable: true,
  findUnique: (id, ctx) => ({ id, tenantId: ctx.viewer.tenantId }),
  fields: (t) => ({
    cartonNumber: t.exposeString("cartonNumber", { nullable: true, description: "Merchant-defined carton identifier." }),
    cartonType: t.exposeString("cartonType", { nullable: true, description: "Carton type, e.g. Package." }),
    estimatedDeliveryDate: t.expose("estimatedDeliveryDate", {
      type: "DateTime",
      nullable: true,
      description: "Delivery date estimated by the carrier (UTC).",
    }),
    estimatedShipmentDate: t.expose("estimatedShipmentDate", {
      type: "DateTime",
      nullable: true,
      description: "Ship date estimated by the seller (UTC).",
    }),
    promisedDeliveryDate: t.expose("promisedDeliveryDate", {
      type: "DateTime",
      nullable: true,
      description: "Delivery date promised by the seller (UTC).",
    }),
    shipmentCarrier: t.exposeString("shipmentCarrier", { nullable: true, description: "Carrier name, e.g. FEDEX." }),
    shipmentMethod: t.exposeString("shipmentMethod", { nullable: true, description: "Shipping method, e.g. ground." }),
    trackingNumber: t.exposeString("trackingNumber", { nullable: true, description: "The carton's tracking number." }),
    trackingURL: t.exposeString("trackingURL", { nullable: true, description: "Carrier page tracking this carton." }),
    weight: t.exposeString("weight", { nullable: true, description: 'Carton weight, e.g. "500 grams".' }),
    trackingStatus: t.expose("trackingStatus", {
      type: TrackingStatus,
      nullable: true,
      description: "Canonical status from the carton's events.",
    }),
    trackingSubstatus: t.exposeString("trackingSubstatus", {
      nullable: true,
      description: "AfterShip substatus code in lower case, e.g. in_transit_002.",
    }),
    signedBy: t.exposeString("signedBy", {
      nullable: true,
      description: "Proof of delivery: who signed for the carton, as the courier reports it (set by a courier sync).",
    }),
    items: t.relation("items", { description: "Items packed in the carton.", query: { orderBy: { position: "asc" } } }),
    trackingEvents: t.relation("trackingEvents", {
      description: "The carton's tracking events, oldest first. `last` keeps only the most recent ones.",
      args: { last: t.arg.int({ required: false, description: `Only the most recent N events; at most ${PAGE_SIZE}.` }) },
      query: (args) => ({ orderBy: chronological, ...(args.last ? { take: -args.last } : {}) }),
    }),
    trackingEventsConnection: t.relatedConnection("trackingEvents", ...trackingEventsConnection("carton")),
  }),
});
