/** Mutation.createShipment and the input types mirroring fabric's shipment document. */
import { createShipment } from "../shipments/create-shipment.js";
import { builder } from "./builder.js";
import { FeeType, FulfillmentMethod, GiftCardStatus, ShipmentType, StatusCode } from "./enums.js";
import { Shipment } from "./shipment.js";

const AmountInCurrencyInput = builder.inputType("AmountInCurrencyInput", {
  fields: (t) => ({
    currency: t.string({ required: true, description: "Currency in ISO-4217, e.g. USD." }),
    group: t.string({ description: "Customer-defined function that uses this currency, e.g. SHOPPER." }),
    amount: t.field({ type: "Decimal", required: true }),
  }),
});

const PersonNameInput = builder.inputType("PersonNameInput", {
  fields: (t) => ({ firstName: t.string(), middleName: t.string(), lastName: t.string() }),
});

const PhoneInput = builder.inputType("PhoneInput", {
  fields: (t) => ({ number: t.string(), type: t.string({ description: "e.g. MOBILE." }) }),
});

export const TrackingNotesInput = builder.inputType("TrackingNotesInput", {
  fields: (t) => ({ description: t.string({ required: true }) }),
});

export const TrackingEventInput = builder.inputType("TrackingEventInput", {
  description: "One carrier event, as fabric's update-tracking request carries it.",
  fields: (t) => ({
    event: t.string({ required: true, description: "What happened, in the carrier's words, e.g. \"picked up\". Mandatory." }),
    eventId: t.string({ description: "Event id provided by the carrier; re-sending the same id is a no-op." }),
    eventRecordedAt: t.field({ type: "DateTime", required: true, description: "When the event happened, with an offset (UTC preferred)." }),
    location: t.string({ description: "Where it happened, e.g. \"Reno, NV\"." }),
    notes: t.field({ type: TrackingNotesInput }),
    shipmentCarrier: t.string({ description: "Carrier, e.g. FEDEX." }),
  }),
});

const FeeInput = builder.inputType("FeeInput", {
  fields: (t) => ({
    amount: t.field({ type: "Decimal" }),
    amountInCurrencies: t.field({ type: [AmountInCurrencyInput] }),
    name: t.string(),
    reason: t.string(),
    type: t.field({ type: FeeType }),
  }),
});

const GiftCardInput = builder.inputType("GiftCardInput", {
  fields: (t) => ({
    amount: t.field({ type: "Decimal" }),
    amountInCurrencies: t.field({ type: [AmountInCurrencyInput] }),
    giftCardActivatedAt: t.field({ type: "DateTime" }),
    giftCardActivationRequestedAt: t.field({ type: "DateTime" }),
    giftCardNumber: t.string(),
    giftCardStatus: t.field({ type: GiftCardStatus }),
  }),
});

const ItemInput = builder.inputType("ItemInput", {
  fields: (t) => ({
    itemId: t.int(),
    lineItemId: t.string(),
    orderId: t.string(),
    orderNumber: t.string(),
    orderedQuantity: t.int(),
    shippedQuantity: t.int(),
    returnQuantity: t.int(),
    refundAmount: t.field({ type: "Decimal" }),
    refundAmountInCurrencies: t.field({ type: [AmountInCurrencyInput] }),
    fees: t.field({ type: [FeeInput] }),
    giftCards: t.field({ type: [GiftCardInput] }),
    segment: t.string(),
    shipmentLineItemId: t.string(),
    sku: t.string(),
    uom: t.string(),
    vendorId: t.string(),
  }),
});

const CartonInput = builder.inputType("CartonInput", {
  fields: (t) => ({
    cartonNumber: t.string(),
    cartonType: t.string(),
    estimatedDeliveryDate: t.field({ type: "DateTime" }),
    estimatedShipmentDate: t.field({ type: "DateTime" }),
    promisedDeliveryDate: t.field({ type: "DateTime" }),
    shipmentCarrier: t.string(),
    shipmentMethod: t.string(),
    trackingNumber: t.string({ description: "One tracking number per carton, unique within the tenant." }),
    trackingURL: t.string(),
    weight: t.string(),
    items: t.field({ type: [ItemInput] }),
    tracking: t.field({ type: [TrackingEventInput], description: "Events already known for this carton." }),
  }),
});

const AddressInput = builder.inputType("ShipToAddressInput", {
  fields: (t) => ({
    addressLine1: t.string(),
    addressLine2: t.string(),
    addressLine3: t.string(),
    addressLine4: t.string(),
    city: t.string(),
    region: t.string(),
    postalCode: t.string(),
    countryCode: t.string({ description: "ISO 3166-1 alpha-2." }),
    latitude: t.field({ type: "Decimal", description: "-90 to 90." }),
    longitude: t.field({ type: "Decimal", description: "-180 to 180." }),
    type: t.string(),
    email: t.string(),
    name: t.field({ type: PersonNameInput }),
    phone: t.field({ type: PhoneInput }),
  }),
});

const RecipientInput = builder.inputType("RecipientInput", {
  fields: (t) => ({ email: t.string(), name: t.field({ type: PersonNameInput }), phone: t.field({ type: PhoneInput }) }),
});

const ScratchedItemInput = builder.inputType("ScratchedItemInput", {
  fields: (t) => ({
    reasonCode: t.string(),
    subReasonCode: t.string(),
    itemId: t.int(),
    lineItemId: t.string(),
    orderId: t.string(),
    quantity: t.int(),
    sku: t.string(),
    uom: t.string(),
  }),
});

const UpdatedFieldInput = builder.inputType("UpdatedFieldInput", {
  fields: (t) => ({ fieldName: t.string({ required: true }), fieldOriginalValue: t.string() }),
});

const AuditLogInput = builder.inputType("AuditLogInput", {
  fields: (t) => ({
    auditId: t.string({ description: "Generated (UUID) when omitted." }),
    auditType: t.string({ required: true }),
    auditedAt: t.field({ type: "DateTime" }),
    employeeId: t.string(),
    lineItemId: t.string(),
    note: t.string(),
    reasonCode: t.string(),
    source: t.string(),
    subReasonCode: t.string(),
    updatedFields: t.field({ type: [UpdatedFieldInput] }),
  }),
});

const CreateShipmentInput = builder.inputType("CreateShipmentInput", {
  description: "fabric's shipment document, plus the sync API's courier fields.",
  fields: (t) => ({
    shipmentNumber: t.string({ description: "Merchant-defined unique shipment number." }),
    shipmentId: t.string(),
    shipmentExternalId: t.string(),
    allocationId: t.string(),
    invoiceId: t.string(),
    locationNumber: t.string(),
    locationType: t.string(),
    masterTrackingNumber: t.string(),
    orderNumbers: t.stringList(),
    poNumber: t.string(),
    reshipmentReasonCode: t.string(),
    shipToId: t.string(),
    shippedAt: t.field({ type: "DateTime" }),
    statusCode: t.field({ type: StatusCode, description: "Defaults to SHIPMENT_CREATED." }),
    subtype: t.string(),
    totalCartons: t.int(),
    type: t.field({ type: ShipmentType, description: "Defaults to STANDARD." }),
    vendorId: t.string(),
    merchantInvoiceId: t.string(),
    fulfillmentMethod: t.field({ type: FulfillmentMethod, description: "Defaults to SHIPPING_PROVIDER." }),
    shipmentTrackingNumber: t.string(),
    shipmentCourier: t.string({ description: "Courier code, e.g. ups." }),
    cartons: t.field({ type: [CartonInput] }),
    recipients: t.field({ type: [RecipientInput] }),
    shipToAddress: t.field({ type: AddressInput }),
    scratchedItems: t.field({ type: [ScratchedItemInput] }),
    auditLogs: t.field({ type: [AuditLogInput] }),
  }),
});

builder.mutationField("createShipment", (t) =>
  t.prismaField({
    type: Shipment,
    description: "Stores a shipment document for the caller's tenant and returns it. BAD_USER_INPUT lists every invalid field.",
    args: { input: t.arg({ type: CreateShipmentInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await createShipment(ctx.db, ctx.viewer, input);
      return ctx.db.shipment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
