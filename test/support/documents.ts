/** GraphQL selections that read a shipment back as fabric's full shipment document. */
import { readFileSync } from "node:fs";

export const SHIPMENT_DOCUMENT = /* GraphQL */ `
  fragment AmountInCurrencies on AmountInCurrency { currency group amount }
  fragment Contact on PersonName { firstName lastName middleName }
  fragment ShipmentDocument on Shipment {
    id version allocationId invoiceId locationNumber locationType masterTrackingNumber orderNumbers poNumber
    reshipmentReasonCode shipToId shipmentId shipmentNumber shipmentExternalId shippedAt statusCode subtype
    totalCartons type vendorId createdAt updatedAt
    merchantInvoiceId fulfillmentMethod shipmentTrackingNumber shipmentCourier verificationStatus
    trackingStatus trackingSubstatus expectedDelivery
    auditLogs { auditId auditType auditedAt employeeId lineItemId note reasonCode source subReasonCode
      updatedFields { fieldName fieldOriginalValue } }
    cartons {
      id cartonNumber cartonType estimatedDeliveryDate estimatedShipmentDate promisedDeliveryDate
      shipmentCarrier shipmentMethod trackingNumber trackingURL weight trackingStatus trackingSubstatus
      items {
        id itemId lineItemId orderId orderNumber orderedQuantity refundAmount returnQuantity segment
        shipmentLineItemId shippedQuantity sku uom vendorId
        fees { amount name reason type amountInCurrencies { ...AmountInCurrencies } }
        giftCards { amount giftCardActivatedAt giftCardActivationRequestedAt giftCardNumber giftCardStatus
          amountInCurrencies { ...AmountInCurrencies } }
        refundAmountInCurrencies { ...AmountInCurrencies }
      }
      tracking: trackingEvents { id event eventId eventRecordedAt location notes { description } shipmentCarrier status substatus }
    }
    recipients { email name { ...Contact } phone { number type } }
    scratchedItems { reasonCode itemId lineItemId orderId quantity sku subReasonCode uom }
    shipToAddress { addressLine1 addressLine2 addressLine3 addressLine4 city countryCode latitude longitude
      postalCode region type email name { ...Contact } phone { number type } }
  }
`;

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));

/** fabric's example response document (the seed), and the matching update-tracking request. */
export const FABRIC_RESPONSE = fixture("fabric-update-tracking-response.json");
export const FABRIC_REQUEST = fixture("fabric-update-tracking-request.json");

/** The seed's shipment document as createShipment input: without what the gateway owns. */
export function seedShipmentInput(overrides: Record<string, unknown> = {}) {
  const { version: _v, createdAt: _c, updatedAt: _u, ...doc } = structuredClone(FABRIC_RESPONSE.shipments[0]);
  return { ...doc, ...overrides };
}

/**
 * Compares what the client sent with what the gateway returned, field by field: every field sent
 * must come back with the same value (decimals compared as numbers, since GraphQL sends them as
 * exact strings). Returns the mismatching paths.
 */
export function mismatches(sent: unknown, got: unknown, path = "$"): string[] {
  if (sent === null || typeof sent !== "object") {
    const same = typeof sent === "number" && typeof got === "string" ? Number(got) === sent : got === sent;
    return same ? [] : [`${path}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`];
  }
  if (got === null || typeof got !== "object") return [`${path}: sent an object, got ${JSON.stringify(got)}`];
  if (Array.isArray(sent)) {
    if (!Array.isArray(got) || got.length !== sent.length) return [`${path}: sent ${sent.length} entries, got ${JSON.stringify(got)}`];
    return sent.flatMap((entry, i) => mismatches(entry, got[i], `${path}[${i}]`));
  }
  return Object.entries(sent).flatMap(([key, value]) => mismatches(value, (got as Record<string, unknown>)[key], `${path}.${key}`));
}
