/**
 * The demo tenant's shipments: both seed examples, so the seeds' own requests work against a fresh
 * `npm start`, and a few simulator shipments that move through their lifecycle.
 */
import { simulatorTrackingNumber } from "../couriers/simulator.js";
import { Prisma } from "../generated/prisma/client.js";
import type { ShipmentDocument } from "../shipments/document.js";

const at = (iso: string) => new Date(iso);
const money = (amount: number) => new Prisma.Decimal(amount);
const usd = [{ currency: "USD", group: "SHOPPER", amount: money(123.45) }];
const alex = { firstName: "Alex", lastName: "Doe", middleName: "E" };
const mobile = { number: "123-456-7890", type: "MOBILE" };

/**
 * fabric's update-tracking example, as it stood before that request: the seed's response shows
 * version 2 with the "picked up" event, so the demo starts at version 1 without it.
 */
export const FABRIC_EXAMPLE: ShipmentDocument = {
  allocationId: "6413e3d3fd03a35efccb426e",
  auditLogs: [
    {
      auditId: "a05b72dc-78d8-4ea4-90fc-2fe6a1fe1111",
      auditType: "CANCEL",
      auditedAt: at("2023-03-12T09:24:54.804Z"),
      employeeId: "6227",
      lineItemId: "b03b72dc-78d8-4ea4-90fc-2fe6a1fe6569",
      note: "Note",
      reasonCode: "Scratched item",
      source: "POS",
      subReasonCode: "Scratched item",
      updatedFields: [{ fieldName: "UOM", fieldOriginalValue: "PK" }],
    },
  ],
  cartons: [
    {
      cartonNumber: "1",
      cartonType: "Package",
      estimatedDeliveryDate: at("2023-04-26T07:58:30.996Z"),
      estimatedShipmentDate: at("2023-03-25T07:58:30.996Z"),
      items: [
        {
          fees: [{ amount: money(34.56), amountInCurrencies: usd, name: "RETURN_FEE", reason: "Return fee", type: "FEE" }],
          giftCards: [
            {
              amount: money(50),
              amountInCurrencies: usd,
              giftCardActivatedAt: at("2023-04-26T07:58:30.996Z"),
              giftCardActivationRequestedAt: at("2023-03-26T07:58:30.996Z"),
              giftCardNumber: "453456765",
              giftCardStatus: "ACTIVE",
            },
          ],
          itemId: 100023,
          lineItemId: "1",
          orderId: "6413e370cb0dc859b6c0dcb0",
          orderNumber: "309020213",
          orderedQuantity: 2,
          refundAmount: money(10),
          refundAmountInCurrencies: usd,
          returnQuantity: 1,
          segment: "segment",
          shipmentLineItemId: "607f1f77bcf86cd799439011",
          shippedQuantity: 2,
          sku: "SKU0023",
          uom: "EA",
          vendorId: "vend12346667",
        },
      ],
      promisedDeliveryDate: at("2023-03-26T07:58:30.996Z"),
      shipmentCarrier: "FEDEX",
      shipmentMethod: "ground",
      trackingNumber: "1Z999AA10123456784",
      trackingURL: "https://example.com/tracking",
      weight: "500 grams",
    },
  ],
  invoiceId: "63ef4360aafa8a7f5247fe48",
  locationNumber: "WH334",
  locationType: "DC",
  masterTrackingNumber: "TX112345678",
  orderNumbers: ["309020213, 459020213"],
  poNumber: "1125",
  recipients: [{ email: "alex.doe@example.com", name: alex, phone: mobile }],
  reshipmentReasonCode: "Order is missing",
  scratchedItems: [
    {
      reasonCode: "ReasonCode23454",
      itemId: 100043,
      lineItemId: "2",
      orderId: "6413e370cb0dc859b6c0dcb0",
      quantity: 1,
      sku: "SKU00043",
      subReasonCode: "SubReasonCode23242",
      uom: "EA",
    },
  ],
  shipToAddress: {
    addressLine1: "123 Main St.",
    city: "Seattle",
    countryCode: "US",
    latitude: money(47.6205),
    longitude: money(-122.3493),
    postalCode: "98121",
    region: "WA",
    type: "Home",
    addressLine2: "Suite 100",
    addressLine3: "Seventh floor",
    addressLine4: "Attention: Pat E. Kake",
    email: "alex.doe@example.com",
    name: alex,
    phone: mobile,
  },
  shipToId: "1",
  shipmentId: "627963716b19511e8a3a631b",
  shipmentNumber: "78974156816152",
  shipmentExternalId: "123k4h123k",
  shippedAt: at("2023-04-06T07:58:30.996Z"),
  statusCode: "SHIPMENT_CREATED",
  subtype: "COD",
  totalCartons: 2,
  type: "STANDARD",
  vendorId: "56",
  // The example labels its carton FEDEX, but 1Z999AA10123456784 is a UPS number (1Z, mod-10 check
  // digit); a sync asks the courier the number belongs to.
  shipmentCourier: "ups",
};

/** The sync API's example shipment (`POST /shipments/ship_1234567890abcdef/sync`). */
export const SYNC_EXAMPLE_ID = "ship_1234567890abcdef";
export const SYNC_EXAMPLE: ShipmentDocument = {
  merchantInvoiceId: "inv_1234567890abcdef",
  fulfillmentMethod: "SHIPPING_PROVIDER",
  shipmentTrackingNumber: "1Z123E45678901234",
  shipmentCourier: "ups",
  shipmentNumber: "DEMO-SYNC-1",
  cartons: [
    {
      cartonNumber: "1",
      trackingNumber: "1Z123E45678901234",
      shipmentCarrier: "UPS",
      items: [{ sku: "SKU-SYNC-1", orderedQuantity: 1, shippedQuantity: 1, uom: "EA" }],
    },
  ],
};

// The demo journeys start a minute apart, so something moves for a few minutes after the first start.
const SIMULATED_STAGGER_MS = 60_000;

/**
 * Shipments on the simulator courier with time-driven numbers: each journey starts when the demo is
 * seeded (the start is part of the number), and background tracking picks up each step as it happens.
 */
export function simulatedShipment(n: number, startsAt: Date): ShipmentDocument {
  const trackingNumber = simulatorTrackingNumber(startsAt);
  return {
    shipmentNumber: `DEMO-SIM-${n}`,
    shipmentTrackingNumber: trackingNumber,
    shipmentCourier: "simulator",
    fulfillmentMethod: "SHIPPING_PROVIDER",
    orderNumbers: [`${90000 + n}`],
    recipients: [{ email: `customer${n}@example.com`, name: { firstName: "Sam", lastName: `Customer ${n}` } }],
    cartons: [
      {
        cartonNumber: "1",
        trackingNumber,
        shipmentCarrier: "SIMULATOR",
        shipmentMethod: "ground",
        items: [{ sku: `SKU-SIM-${n}`, orderedQuantity: 1, shippedQuantity: 1, uom: "EA" }],
      },
    ],
  };
}

export const simulatedShipments = (seededAt: Date) =>
  [1, 2, 3].map((n) => simulatedShipment(n, new Date(seededAt.getTime() + (n - 1) * SIMULATED_STAGGER_MS)));
