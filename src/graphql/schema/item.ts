import { builder } from "./builder.js";

builder.prismaNode("Item", {
  select: { id: true },
  description: "A line item packed in a carton.",
  id: { field: "id", description: "Public id, `itm_…`." },
  // node(id) answers null for an id the caller has no such object for (Relay), not an error.
  nullable: true,
  findUnique: (id, ctx) => ({ id, carton: { tenantId: ctx.viewer.tenantId } }),
  fields: (t) => ({
    itemId: t.exposeInt("itemId", { nullable: true, description: "Unique item identifier." }),
    lineItemId: t.exposeString("lineItemId", { nullable: true, description: "Merchant-defined identifier of the item in its order." }),
    orderId: t.exposeString("orderId", { nullable: true, description: "24-character order id from fabric's Create Order endpoint." }),
    orderNumber: t.exposeString("orderNumber", { nullable: true, description: "Merchant-defined order identifier." }),
    orderedQuantity: t.exposeInt("orderedQuantity", { nullable: true, description: "Quantity ordered." }),
    shippedQuantity: t.exposeInt("shippedQuantity", { nullable: true, description: "Quantity shipped." }),
    returnQuantity: t.exposeInt("returnQuantity", { nullable: true, description: "Quantity returned." }),
    refundAmount: t.expose("refundAmount", { type: "Decimal", nullable: true, description: "Refund amount for returned items." }),
    refundAmountInCurrencies: t.relation("refundAmountInCurrencies", {
      description: "The refund amount in one or more currencies.",
      query: { orderBy: { position: "asc" } },
    }),
    fees: t.relation("fees", { description: "Fees on this item.", query: { orderBy: { position: "asc" } } }),
    giftCards: t.relation("giftCards", { description: "Gift cards shipped as this item.", query: { orderBy: { position: "asc" } } }),
    segment: t.exposeString("segment", { nullable: true, description: "Item segment." }),
    shipmentLineItemId: t.exposeString("shipmentLineItemId", {
      nullable: true,
      description: "Identifier of the item within the shipment.",
    }),
    sku: t.exposeString("sku", { nullable: true, description: "Stock keeping unit." }),
    uom: t.exposeString("uom", { nullable: true, description: "Unit of measure, e.g. EA, GAL, DZ." }),
    vendorId: t.exposeString("vendorId", { nullable: true, description: "Vendor responsible for the item (drop-shipping)." }),
  }),
});
