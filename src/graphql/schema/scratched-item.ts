import { builder } from "./builder.js";

builder.prismaObject("ScratchedItem", {
  description: "An item removed from the shipment before it shipped, and why.",
  fields: (t) => ({
    reasonCode: t.exposeString("reasonCode", { nullable: true, description: "Reason code for the scratch." }),
    subReasonCode: t.exposeString("subReasonCode", { nullable: true, description: "Sub-reason code." }),
    itemId: t.exposeInt("itemId", { nullable: true, description: "Unique item identifier." }),
    lineItemId: t.exposeString("lineItemId", { nullable: true, description: "Merchant-defined line item identifier in the order." }),
    orderId: t.exposeString("orderId", { nullable: true, description: "Order ID from fabric's Create Order endpoint." }),
    quantity: t.exposeInt("quantity", { nullable: true, description: "Number of scratched items." }),
    sku: t.exposeString("sku", { nullable: true, description: "Stock keeping unit." }),
    uom: t.exposeString("uom", { nullable: true, description: "Unit of measure, e.g. EA, GAL, DZ." }),
  }),
});
