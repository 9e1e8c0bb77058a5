/** Mutation.createShipment and the input types mirroring fabric's shipment document. */
import { LIST_LENGTH, STRING_LENGTH } from "../../input-limits.js";
import { createShipment } from "../../shipments/create-shipment.js";
import type { ShipmentDocument } from "../../shipments/document.js";
import { builder } from "./builder.js";
import { FeeType, FulfillmentMethod, GiftCardStatus, ShipmentType, StatusCode } from "./enums.js";
import { INPUT_LIMITS_IN_WORDS } from "./input-bounds.js";
import { Shipment } from "./shipment.js";

const AmountInCurrencyInput = builder.inputType("AmountInCurrencyInput", {
  description: "An amount expressed in one currency.",
  fields: (t) => ({
    currency: t.string({ required: true, description: "Currency in ISO-4217, e.g. USD." }),
    group: t.string({ description: "Customer-defined function that uses this currency, e.g. SHOPPER." }),
    amount: t.field({ type: "Decimal", required: true, description: "Amount in this currency." }),
  }),
});

const PersonNameInput = builder.inputType("PersonNameInput", {
  description: "A person's name; every part is optional.",
  fields: (t) => ({
    firstName: t.string({ description: "First (given) name." }),
    middleName: t.string({ description: "Middle name or initial." }),
    lastName: t.string({ description: "Last (family) name." }),
  }),
});

const PhoneInput = builder.inputType("PhoneInput", {
  description: "A phone number and its kind.",
  fields: (t) => ({
    number: t.string({ description: "The number as written, e.g. 123-456-7890." }),
    type: t.string({ description: "e.g. MOBILE." }),
  }),
});

export const TrackingNotesInput = builder.inputType("TrackingNotesInput", {
  description: "Free-text notes the carrier attached to an event.",
  fields: (t) => ({ description: t.string({ required: true, description: `The notes; at most ${STRING_LENGTH.text} characters.` }) }),
});

export const TrackingEventInput = builder.inputType("TrackingEventInput", {
  description: "One carrier event, as fabric's update-tracking request carries it.",
  fields: (t) => ({
    event: t.string({
      required: true,
      description: `What happened, in the carrier's words, e.g. "picked up"; at most ${STRING_LENGTH.text} characters. Mandatory, not blank.`,
    }),
    eventId: t.string({ description: "Event id provided by the carrier; re-sending the same id is a no-op." }),
    eventRecordedAt: t.field({ type: "DateTime", required: true, description: "When the event happened, with an offset (UTC preferred)." }),
    location: t.string({ description: `Where it happened, e.g. "Reno, NV"; at most ${STRING_LENGTH.text} characters.` }),
    notes: t.field({ type: TrackingNotesInput, description: "Notes the carrier attached to the event." }),
    shipmentCarrier: t.string({ description: "Carrier, e.g. FEDEX." }),
  }),
});

const FeeInput = builder.inputType("FeeInput", {
  description: "A fee charged on an item (return fee, tax, discount…).",
  fields: (t) => ({
    amount: t.field({ type: "Decimal", description: "Merchant-defined fee amount." }),
    amountInCurrencies: t.field({ type: [AmountInCurrencyInput], description: "The fee amount in one or more currencies." }),
    name: t.string({ description: "Fee name, e.g. RETURN_FEE." }),
    reason: t.string({ description: `Merchant-defined reason for the fee; at most ${STRING_LENGTH.text} characters.` }),
    type: t.field({ type: FeeType, description: "Fee type." }),
  }),
});

const GiftCardInput = builder.inputType("GiftCardInput", {
  description: "A gift card shipped as an item.",
  fields: (t) => ({
    amount: t.field({ type: "Decimal", description: "Gift card amount." }),
    amountInCurrencies: t.field({ type: [AmountInCurrencyInput], description: "The gift card amount in one or more currencies." }),
    giftCardActivatedAt: t.field({ type: "DateTime", description: "When the card was activated." }),
    giftCardActivationRequestedAt: t.field({ type: "DateTime", description: "When activation was requested." }),
    giftCardNumber: t.string({ description: "Gift card number." }),
    giftCardStatus: t.field({ type: GiftCardStatus, description: "Activation state." }),
  }),
});

const ItemInput = builder.inputType("ItemInput", {
  description: "A line item packed in a carton.",
  fields: (t) => ({
    itemId: t.int({ description: "Unique item identifier." }),
    lineItemId: t.string({ description: "Merchant-defined identifier of the item in its order." }),
    orderId: t.string({ description: "24-character order id from fabric's Create Order endpoint." }),
    orderNumber: t.string({ description: "Merchant-defined order identifier." }),
    orderedQuantity: t.int({ description: "Quantity ordered." }),
    shippedQuantity: t.int({ description: "Quantity shipped." }),
    returnQuantity: t.int({ description: "Quantity returned." }),
    refundAmount: t.field({ type: "Decimal", description: "Refund amount for returned items." }),
    refundAmountInCurrencies: t.field({ type: [AmountInCurrencyInput], description: "The refund amount in one or more currencies." }),
    fees: t.field({ type: [FeeInput], description: "Fees on this item." }),
    giftCards: t.field({ type: [GiftCardInput], description: "Gift cards shipped as this item." }),
    segment: t.string({ description: "Item segment." }),
    shipmentLineItemId: t.string({ description: "Identifier of the item within the shipment." }),
    sku: t.string({ description: "Stock keeping unit." }),
    uom: t.string({ description: "Unit of measure, e.g. EA, GAL, DZ." }),
    vendorId: t.string({ description: "Vendor responsible for the item (drop-shipping)." }),
  }),
});

const CartonInput = builder.inputType("CartonInput", {
  description: "A package within the shipment; one tracking number per carton.",
  fields: (t) => ({
    cartonNumber: t.string({ description: "Merchant-defined carton identifier." }),
    cartonType: t.string({ description: "Carton type, e.g. Package." }),
    estimatedDeliveryDate: t.field({ type: "DateTime", description: "Delivery date estimated by the carrier." }),
    estimatedShipmentDate: t.field({ type: "DateTime", description: "Ship date estimated by the seller." }),
    promisedDeliveryDate: t.field({ type: "DateTime", description: "Delivery date promised by the seller." }),
    shipmentCarrier: t.string({ description: "Carrier name, e.g. FEDEX." }),
    shipmentMethod: t.string({ description: "Shipping method, e.g. ground." }),
    trackingNumber: t.string({ description: "One tracking number per carton, unique within the tenant. Needed when `tracking` is given." }),
    trackingURL: t.string({ description: `Carrier page tracking this carton; at most ${STRING_LENGTH.url} characters.` }),
    weight: t.string({ description: 'Carton weight, e.g. "500 grams".' }),
    items: t.field({ type: [ItemInput], description: `Items packed in the carton; at most ${LIST_LENGTH["CartonInput.items"]}.` }),
    tracking: t.field({
      type: [TrackingEventInput],
      description: `Events already known for this carton, in any order; at most ${LIST_LENGTH["CartonInput.tracking"]}.`,
    }),
  }),
});

const AddressInput = builder.inputType("ShipToAddressInput", {
  description: "Where the shipment goes.",
  fields: (t) => ({
    addressLine1: t.string({ description: "Address line 1." }),
    addressLine2: t.string({ description: "Address line 2." }),
    addressLine3: t.string({ description: "Address line 3." }),
    addressLine4: t.string({ description: "Address line 4." }),
    city: t.string({ description: "City name." }),
    region: t.string({ description: "Region or state." }),
    postalCode: t.string({ description: "Postal or ZIP code." }),
    countryCode: t.string({ description: "ISO 3166-1 alpha-2." }),
    latitude: t.field({
      type: "Decimal",
      description: "Decimal degrees, -90 to 90 (negative is south); at most 6 digits after the point.",
    }),
    longitude: t.field({
      type: "Decimal",
      description: "Decimal degrees, -180 to 180 (negative is west); at most 6 digits after the point.",
    }),
    type: t.string({ description: "Address type, e.g. Home." }),
    email: t.string({ description: "Contact person's email." }),
    name: t.field({ type: PersonNameInput, description: "Contact person's name." }),
    phone: t.field({ type: PhoneInput, description: "Contact person's phone." }),
  }),
});

const RecipientInput = builder.inputType("RecipientInput", {
  description: "Someone who receives the shipment.",
  fields: (t) => ({
    email: t.string({ description: "Recipient's email; `shipments(filter: { recipientEmail })` finds the shipment by it." }),
    name: t.field({ type: PersonNameInput, description: "Recipient's name." }),
    phone: t.field({ type: PhoneInput, description: "Recipient's phone." }),
  }),
});

const ScratchedItemInput = builder.inputType("ScratchedItemInput", {
  description: "An item removed from the shipment before it shipped, and why.",
  fields: (t) => ({
    reasonCode: t.string({ description: "Reason code for the scratch." }),
    subReasonCode: t.string({ description: "Sub-reason code." }),
    itemId: t.int({ description: "Unique item identifier." }),
    lineItemId: t.string({ description: "Merchant-defined line item identifier in the order." }),
    orderId: t.string({ description: "Order ID from fabric's Create Order endpoint." }),
    quantity: t.int({ description: "Number of scratched items." }),
    sku: t.string({ description: "Stock keeping unit." }),
    uom: t.string({ description: "Unit of measure, e.g. EA, GAL, DZ." }),
  }),
});

const UpdatedFieldInput = builder.inputType("UpdatedFieldInput", {
  description: "A field an audited change modified, with its value before the change.",
  fields: (t) => ({
    fieldName: t.string({ required: true, description: "Name of the modified field." }),
    fieldOriginalValue: t.string({ description: `Its value before the change; at most ${STRING_LENGTH.text} characters.` }),
  }),
});

const AuditLogInput = builder.inputType("AuditLogInput", {
  description: "One audited change to the shipment document.",
  fields: (t) => ({
    auditId: t.string({ description: "Generated (UUID) when omitted." }),
    auditType: t.string({ required: true, description: "Audit type, e.g. CANCEL, RETURN." }),
    auditedAt: t.field({ type: "DateTime", description: "When the change happened; the time it is stored when omitted." }),
    employeeId: t.string({ description: "Employee (id or name) who made the change." }),
    lineItemId: t.string({ description: "Line item the change concerns." }),
    note: t.string({ description: `Additional info; at most ${STRING_LENGTH.text} characters.` }),
    reasonCode: t.string({ description: "Merchant-defined reason code." }),
    source: t.string({ description: "Where the change came from, e.g. POS, CSR." }),
    subReasonCode: t.string({ description: "Merchant-defined sub-reason code." }),
    updatedFields: t.field({ type: [UpdatedFieldInput], description: "Fields the change modified." }),
  }),
});

const CreateShipmentInput = builder.inputType("CreateShipmentInput", {
  description: `fabric's shipment document, plus the sync API's courier fields. Every field is optional. ${INPUT_LIMITS_IN_WORDS}`,
  fields: (t) => ({
    shipmentNumber: t.string({ description: "Merchant-defined unique shipment number." }),
    shipmentId: t.string({ description: "fabric's system-generated shipment id." }),
    shipmentExternalId: t.string({
      description: "Merchant's identifier for reconciling with external order management or fulfillment systems.",
    }),
    allocationId: t.string({ description: "Allocation this shipment was created from." }),
    invoiceId: t.string({ description: "Invoice created at shipment (capture at shipment)." }),
    locationNumber: t.string({ description: "Ship-from location number." }),
    locationType: t.string({ description: "Ship-from location type, e.g. DC." }),
    masterTrackingNumber: t.string({ description: "Master tracking number for all cartons." }),
    orderNumbers: t.stringList({ description: "Order numbers this shipment fulfils." }),
    poNumber: t.string({ description: "Merchant-defined purchase order number." }),
    reshipmentReasonCode: t.string({ description: "Why this is a reshipment." }),
    shipToId: t.string({ description: "Ship-to id from the Shipping service." }),
    shippedAt: t.field({ type: "DateTime", description: "When the order shipped." }),
    statusCode: t.field({ type: StatusCode, description: "Defaults to SHIPMENT_CREATED." }),
    subtype: t.string({ description: "Further classification, e.g. COD." }),
    totalCartons: t.int({ description: "Total number of cartons in the shipment." }),
    type: t.field({ type: ShipmentType, description: "Defaults to STANDARD." }),
    vendorId: t.string({ description: "Vendor responsible (drop-shipping)." }),
    merchantInvoiceId: t.string({ description: "Associated merchant invoice." }),
    fulfillmentMethod: t.field({ type: FulfillmentMethod, description: "Defaults to SHIPPING_PROVIDER." }),
    shipmentTrackingNumber: t.string({ description: "Tracking number given by the courier for the shipment as a whole." }),
    shipmentCourier: t.string({ description: "Courier code, e.g. ups." }),
    cartons: t.field({
      type: [CartonInput],
      description: `Cartons in the shipment; at most ${LIST_LENGTH["CreateShipmentInput.cartons"]}.`,
    }),
    recipients: t.field({ type: [RecipientInput], description: "Recipients of the shipment." }),
    shipToAddress: t.field({ type: AddressInput, description: "Where the shipment goes." }),
    scratchedItems: t.field({ type: [ScratchedItemInput], description: "Items removed before shipping." }),
    auditLogs: t.field({ type: [AuditLogInput], description: "Audited changes to record with the shipment." }),
  }),
});

builder.mutationField("createShipment", (t) =>
  t.prismaField({
    type: Shipment,
    description: "Stores a shipment document for the caller's tenant and returns it. BAD_USER_INPUT lists every invalid field.",
    args: { input: t.arg({ type: CreateShipmentInput, required: true, description: "The shipment document." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await createShipment(ctx.db, ctx.viewer, input);
      await ctx.changes.committed({ tenantId: ctx.viewer.tenantId, rowIds: [id] });
      return ctx.db.shipment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

/** Compiles only when A and B are the same type: a field added, dropped or retyped on one side fails. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<_Condition extends true> = never;
/**
 * The domain takes the document as `ShipmentDocument` (src/shipments/document.ts, which knows no
 * schema); the input types above must say exactly the same, down to every nested field.
 */
// biome-ignore lint/correctness/noUnusedVariables: a compile-time check; nothing uses the type itself
type DocumentMatchesInput = Holds<Same<typeof CreateShipmentInput.$inferInput, ShipmentDocument>>;
