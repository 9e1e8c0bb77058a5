/**
 * fabric's shipment document (the update-tracking seed's response), read through our schema: the
 * seed's fields in the seed's order, carton `tracking` as the alias of `trackingEvents`, none of our
 * own fields (ids, tracking status). Then JSON as fabric writes it: amounts and coordinates as
 * numbers (GraphQL's Decimal is an exact string) and absent fields left out rather than null.
 */
export const FABRIC_SHIPMENT_FRAGMENT = /* GraphQL */ `
  fragment FabricAmounts on AmountInCurrency { currency group amount }
  fragment FabricName on PersonName { firstName lastName middleName }
  fragment FabricShipment on Shipment {
    version allocationId
    auditLogs { auditId auditType auditedAt employeeId lineItemId note reasonCode source subReasonCode
      updatedFields { fieldName fieldOriginalValue } }
    cartons {
      cartonNumber cartonType estimatedDeliveryDate estimatedShipmentDate
      items {
        fees { amount amountInCurrencies { ...FabricAmounts } name reason type }
        giftCards { amount amountInCurrencies { ...FabricAmounts } giftCardActivatedAt giftCardActivationRequestedAt
          giftCardNumber giftCardStatus }
        itemId lineItemId orderId orderNumber orderedQuantity refundAmount refundAmountInCurrencies { ...FabricAmounts }
        returnQuantity segment shipmentLineItemId shippedQuantity sku uom vendorId
      }
      promisedDeliveryDate shipmentCarrier shipmentMethod
      tracking: trackingEvents { event eventId eventRecordedAt location notes { description } shipmentCarrier }
      trackingNumber trackingURL weight
    }
    createdAt invoiceId locationNumber locationType masterTrackingNumber orderNumbers poNumber
    recipients { email name { ...FabricName } phone { number type } }
    reshipmentReasonCode
    scratchedItems { reasonCode itemId lineItemId orderId quantity sku subReasonCode uom }
    shipToAddress { addressLine1 city countryCode latitude longitude postalCode region type
      addressLine2 addressLine3 addressLine4 email name { ...FabricName } phone { number type } }
    shipToId shipmentId shipmentNumber shipmentExternalId shippedAt statusCode subtype totalCartons type updatedAt vendorId
  }
`;

/** The fragment's Decimal fields, which fabric's JSON carries as numbers. */
const NUMERIC = new Set(["amount", "refundAmount", "latitude", "longitude"]);

export function toFabricJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toFabricJson);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, field]) => {
      if (field === null) return [];
      return [[key, NUMERIC.has(key) && typeof field === "string" ? Number(field) : toFabricJson(field)]];
    }),
  );
}
