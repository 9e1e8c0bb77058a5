/**
 * The fabric shipment document as clients send it to createShipment (plus the sync API's
 * shipment-level fields). Field names and meanings are the seed's. The schema's input types
 * (src/graphql/schema/create-shipment.ts) are checked at compile time to be exactly this type.
 */
import type { Prisma } from "../generated/prisma/client.js";
import type { FeeType, FulfillmentMethod, GiftCardStatus, ShipmentType, StatusCode } from "../generated/prisma/enums.js";

type Maybe<T> = T | null | undefined;

export interface AmountInCurrencyInput {
  currency: string;
  group?: Maybe<string>;
  amount: Prisma.Decimal;
}

export interface PersonNameInput {
  firstName?: Maybe<string>;
  middleName?: Maybe<string>;
  lastName?: Maybe<string>;
}

export interface PhoneInput {
  number?: Maybe<string>;
  type?: Maybe<string>;
}

export interface TrackingEventInput {
  event: string;
  eventId?: Maybe<string>;
  eventRecordedAt: Date;
  location?: Maybe<string>;
  notes?: Maybe<{ description: string }>;
  shipmentCarrier?: Maybe<string>;
}

export interface ItemInput {
  itemId?: Maybe<number>;
  lineItemId?: Maybe<string>;
  orderId?: Maybe<string>;
  orderNumber?: Maybe<string>;
  orderedQuantity?: Maybe<number>;
  shippedQuantity?: Maybe<number>;
  returnQuantity?: Maybe<number>;
  refundAmount?: Maybe<Prisma.Decimal>;
  refundAmountInCurrencies?: Maybe<AmountInCurrencyInput[]>;
  fees?: Maybe<
    {
      amount?: Maybe<Prisma.Decimal>;
      amountInCurrencies?: Maybe<AmountInCurrencyInput[]>;
      name?: Maybe<string>;
      reason?: Maybe<string>;
      type?: Maybe<FeeType>;
    }[]
  >;
  giftCards?: Maybe<
    {
      amount?: Maybe<Prisma.Decimal>;
      amountInCurrencies?: Maybe<AmountInCurrencyInput[]>;
      giftCardActivatedAt?: Maybe<Date>;
      giftCardActivationRequestedAt?: Maybe<Date>;
      giftCardNumber?: Maybe<string>;
      giftCardStatus?: Maybe<GiftCardStatus>;
    }[]
  >;
  segment?: Maybe<string>;
  shipmentLineItemId?: Maybe<string>;
  sku?: Maybe<string>;
  uom?: Maybe<string>;
  vendorId?: Maybe<string>;
}

export interface CartonInput {
  cartonNumber?: Maybe<string>;
  cartonType?: Maybe<string>;
  estimatedDeliveryDate?: Maybe<Date>;
  estimatedShipmentDate?: Maybe<Date>;
  promisedDeliveryDate?: Maybe<Date>;
  shipmentCarrier?: Maybe<string>;
  shipmentMethod?: Maybe<string>;
  trackingNumber?: Maybe<string>;
  trackingURL?: Maybe<string>;
  weight?: Maybe<string>;
  items?: Maybe<ItemInput[]>;
  tracking?: Maybe<TrackingEventInput[]>;
}

export interface ShipmentDocument {
  shipmentNumber?: Maybe<string>;
  shipmentId?: Maybe<string>;
  shipmentExternalId?: Maybe<string>;
  allocationId?: Maybe<string>;
  invoiceId?: Maybe<string>;
  locationNumber?: Maybe<string>;
  locationType?: Maybe<string>;
  masterTrackingNumber?: Maybe<string>;
  orderNumbers?: Maybe<string[]>;
  poNumber?: Maybe<string>;
  reshipmentReasonCode?: Maybe<string>;
  shipToId?: Maybe<string>;
  shippedAt?: Maybe<Date>;
  statusCode?: Maybe<StatusCode>;
  subtype?: Maybe<string>;
  totalCartons?: Maybe<number>;
  type?: Maybe<ShipmentType>;
  vendorId?: Maybe<string>;
  merchantInvoiceId?: Maybe<string>;
  fulfillmentMethod?: Maybe<FulfillmentMethod>;
  shipmentTrackingNumber?: Maybe<string>;
  shipmentCourier?: Maybe<string>;
  cartons?: Maybe<CartonInput[]>;
  recipients?: Maybe<{ email?: Maybe<string>; name?: Maybe<PersonNameInput>; phone?: Maybe<PhoneInput> }[]>;
  shipToAddress?: Maybe<{
    addressLine1?: Maybe<string>;
    addressLine2?: Maybe<string>;
    addressLine3?: Maybe<string>;
    addressLine4?: Maybe<string>;
    city?: Maybe<string>;
    region?: Maybe<string>;
    postalCode?: Maybe<string>;
    countryCode?: Maybe<string>;
    latitude?: Maybe<Prisma.Decimal>;
    longitude?: Maybe<Prisma.Decimal>;
    type?: Maybe<string>;
    email?: Maybe<string>;
    name?: Maybe<PersonNameInput>;
    phone?: Maybe<PhoneInput>;
  }>;
  scratchedItems?: Maybe<
    {
      reasonCode?: Maybe<string>;
      subReasonCode?: Maybe<string>;
      itemId?: Maybe<number>;
      lineItemId?: Maybe<string>;
      orderId?: Maybe<string>;
      quantity?: Maybe<number>;
      sku?: Maybe<string>;
      uom?: Maybe<string>;
    }[]
  >;
  auditLogs?: Maybe<
    {
      auditId?: Maybe<string>;
      auditType: string;
      auditedAt?: Maybe<Date>;
      employeeId?: Maybe<string>;
      lineItemId?: Maybe<string>;
      note?: Maybe<string>;
      reasonCode?: Maybe<string>;
      source?: Maybe<string>;
      subReasonCode?: Maybe<string>;
      updatedFields?: Maybe<{ fieldName: string; fieldOriginalValue?: Maybe<string> }[]>;
    }[]
  >;
}
