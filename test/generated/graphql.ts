/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AmountInCurrencyInput = {
  amount: string;
  /** Currency in ISO-4217, e.g. USD. */
  currency: string;
  /** Customer-defined function that uses this currency, e.g. SHOPPER. */
  group?: string | null | undefined;
};

export type AuditLogInput = {
  /** Generated (UUID) when omitted. */
  auditId?: string | null | undefined;
  auditType: string;
  auditedAt?: string | null | undefined;
  employeeId?: string | null | undefined;
  lineItemId?: string | null | undefined;
  note?: string | null | undefined;
  reasonCode?: string | null | undefined;
  source?: string | null | undefined;
  subReasonCode?: string | null | undefined;
  updatedFields?: Array<UpdatedFieldInput> | null | undefined;
};

export type CartonInput = {
  cartonNumber?: string | null | undefined;
  cartonType?: string | null | undefined;
  estimatedDeliveryDate?: string | null | undefined;
  estimatedShipmentDate?: string | null | undefined;
  items?: Array<ItemInput> | null | undefined;
  promisedDeliveryDate?: string | null | undefined;
  shipmentCarrier?: string | null | undefined;
  shipmentMethod?: string | null | undefined;
  /** Events already known for this carton. */
  tracking?: Array<TrackingEventInput> | null | undefined;
  /** One tracking number per carton, unique within the tenant. */
  trackingNumber?: string | null | undefined;
  trackingURL?: string | null | undefined;
  weight?: string | null | undefined;
};

/** fabric's shipment document, plus the sync API's courier fields. */
export type CreateShipmentInput = {
  allocationId?: string | null | undefined;
  auditLogs?: Array<AuditLogInput> | null | undefined;
  cartons?: Array<CartonInput> | null | undefined;
  /** Defaults to SHIPPING_PROVIDER. */
  fulfillmentMethod?: FulfillmentMethod | null | undefined;
  invoiceId?: string | null | undefined;
  locationNumber?: string | null | undefined;
  locationType?: string | null | undefined;
  masterTrackingNumber?: string | null | undefined;
  merchantInvoiceId?: string | null | undefined;
  orderNumbers?: Array<string> | null | undefined;
  poNumber?: string | null | undefined;
  recipients?: Array<RecipientInput> | null | undefined;
  reshipmentReasonCode?: string | null | undefined;
  scratchedItems?: Array<ScratchedItemInput> | null | undefined;
  shipToAddress?: ShipToAddressInput | null | undefined;
  shipToId?: string | null | undefined;
  /** Courier code, e.g. ups. */
  shipmentCourier?: string | null | undefined;
  shipmentExternalId?: string | null | undefined;
  shipmentId?: string | null | undefined;
  /** Merchant-defined unique shipment number. */
  shipmentNumber?: string | null | undefined;
  shipmentTrackingNumber?: string | null | undefined;
  shippedAt?: string | null | undefined;
  /** Defaults to SHIPMENT_CREATED. */
  statusCode?: StatusCode | null | undefined;
  subtype?: string | null | undefined;
  totalCartons?: number | null | undefined;
  /** Defaults to STANDARD. */
  type?: ShipmentType | null | undefined;
  vendorId?: string | null | undefined;
};

export type FeeInput = {
  amount?: string | null | undefined;
  amountInCurrencies?: Array<AmountInCurrencyInput> | null | undefined;
  name?: string | null | undefined;
  reason?: string | null | undefined;
  type?: FeeType | null | undefined;
};

/** Kind of fee on an item. */
export type FeeType =
  | 'ADJUSTMENT'
  | 'DISCOUNT'
  | 'FEE'
  | 'ITEM'
  | 'TAX';

/** How the shipment reaches the customer (the sync document's `fulfillment_method`). */
export type FulfillmentMethod =
  | 'CUSTOMER_PICKUP'
  | 'SELF_DELIVERY'
  | 'SERVICES_ONLY'
  | 'SHIPPING_PROVIDER';

export type GiftCardInput = {
  amount?: string | null | undefined;
  amountInCurrencies?: Array<AmountInCurrencyInput> | null | undefined;
  giftCardActivatedAt?: string | null | undefined;
  giftCardActivationRequestedAt?: string | null | undefined;
  giftCardNumber?: string | null | undefined;
  giftCardStatus?: GiftCardStatus | null | undefined;
};

/** Gift card activation state. */
export type GiftCardStatus =
  | 'ACTIVE'
  | 'FAILED'
  | 'PENDING_ACTIVATION';

export type ItemInput = {
  fees?: Array<FeeInput> | null | undefined;
  giftCards?: Array<GiftCardInput> | null | undefined;
  itemId?: number | null | undefined;
  lineItemId?: string | null | undefined;
  orderId?: string | null | undefined;
  orderNumber?: string | null | undefined;
  orderedQuantity?: number | null | undefined;
  refundAmount?: string | null | undefined;
  refundAmountInCurrencies?: Array<AmountInCurrencyInput> | null | undefined;
  returnQuantity?: number | null | undefined;
  segment?: string | null | undefined;
  shipmentLineItemId?: string | null | undefined;
  shippedQuantity?: number | null | undefined;
  sku?: string | null | undefined;
  uom?: string | null | undefined;
  vendorId?: string | null | undefined;
};

export type PersonNameInput = {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  middleName?: string | null | undefined;
};

export type PhoneInput = {
  number?: string | null | undefined;
  /** e.g. MOBILE. */
  type?: string | null | undefined;
};

export type RecipientInput = {
  email?: string | null | undefined;
  name?: PersonNameInput | null | undefined;
  phone?: PhoneInput | null | undefined;
};

export type ScratchedItemInput = {
  itemId?: number | null | undefined;
  lineItemId?: string | null | undefined;
  orderId?: string | null | undefined;
  quantity?: number | null | undefined;
  reasonCode?: string | null | undefined;
  sku?: string | null | undefined;
  subReasonCode?: string | null | undefined;
  uom?: string | null | undefined;
};

export type ShipToAddressInput = {
  addressLine1?: string | null | undefined;
  addressLine2?: string | null | undefined;
  addressLine3?: string | null | undefined;
  addressLine4?: string | null | undefined;
  city?: string | null | undefined;
  /** ISO 3166-1 alpha-2. */
  countryCode?: string | null | undefined;
  email?: string | null | undefined;
  /** -90 to 90. */
  latitude?: string | null | undefined;
  /** -180 to 180. */
  longitude?: string | null | undefined;
  name?: PersonNameInput | null | undefined;
  phone?: PhoneInput | null | undefined;
  postalCode?: string | null | undefined;
  region?: string | null | undefined;
  type?: string | null | undefined;
};

/** fabric's shipment type. */
export type ShipmentType =
  | 'PENDING_RETURN'
  | 'PICKUP'
  | 'RESHIP'
  | 'RETURN'
  | 'SCRATCH'
  | 'STANDARD'
  | 'TRANSFER';

/** fabric's shipment status. Standard shipments start as SHIPMENT_CREATED, pickups as PICKUP_CREATED; tracking moves them on at the milestones fabric names (partially delivered, delivered, pickup completed, return pending, return received). */
export type StatusCode =
  | 'PICKUP_COMPLETED'
  | 'PICKUP_CREATED'
  | 'SHIPMENT_CANCELLED'
  | 'SHIPMENT_CREATED'
  | 'SHIPMENT_DELIVERED'
  | 'SHIPMENT_PARTIALLY_DELIVERED'
  | 'SHIPMENT_RETURN_PENDING'
  | 'SHIPMENT_RETURN_RECEIVED'
  | 'SHIPMENT_UPDATED';

/** One carrier event, as fabric's update-tracking request carries it. */
export type TrackingEventInput = {
  /** What happened, in the carrier's words, e.g. "picked up". Mandatory. */
  event: string;
  /** Event id provided by the carrier; re-sending the same id is a no-op. */
  eventId?: string | null | undefined;
  /** When the event happened, with an offset (UTC preferred). */
  eventRecordedAt: string;
  /** Where it happened, e.g. "Reno, NV". */
  location?: string | null | undefined;
  notes?: TrackingNotesInput | null | undefined;
  /** Carrier, e.g. FEDEX. */
  shipmentCarrier?: string | null | undefined;
};

export type TrackingNotesInput = {
  description: string;
};

/** Canonical tracking status, normalized from every courier (AfterShip's tags: Pending, InfoReceived, InTransit, OutForDelivery, AvailableForPickup, AttemptFail, Delivered, Exception, Expired; returns split out as RETURNING/RETURNED). */
export type TrackingStatus =
  | 'ATTEMPT_FAIL'
  | 'AVAILABLE_FOR_PICKUP'
  | 'DELIVERED'
  | 'EXCEPTION'
  | 'EXPIRED'
  | 'INFO_RECEIVED'
  | 'IN_TRANSIT'
  | 'OUT_FOR_DELIVERY'
  | 'PENDING'
  | 'RETURNED'
  | 'RETURNING';

/** fabric's update-tracking request: new events for one carton of a shipment. */
export type UpdateTrackingInput = {
  /** Apply only if the shipment is still at this version (else CONFLICT with currentVersion). */
  expectedVersion?: number | null | undefined;
  /** Merchant-defined shipment number. */
  shipmentNumber: string;
  /** The events, in any order; re-sent events are ignored. */
  tracking: Array<TrackingEventInput>;
  /** Tracking number of the carton the events belong to. */
  trackingNumber: string;
  /** Carrier page tracking this carton. */
  trackingURL?: string | null | undefined;
};

export type UpdatedFieldInput = {
  fieldName: string;
  fieldOriginalValue?: string | null | undefined;
};

export type DemoShipmentsQueryVariables = Exact<{
  first: number;
}>;


export type DemoShipmentsQuery = { shipments: { totalCount: number, nodes: Array<{ id: string, shipmentNumber: string | null, shipmentCourier: string | null, statusCode: StatusCode, cartons: Array<{ trackingNumber: string | null, items: Array<{ sku: string | null }> }> }> } };

export type CreateShipmentMutationVariables = Exact<{
  input: CreateShipmentInput;
}>;


export type CreateShipmentMutation = { createShipment: { id: string, version: number, cartons: Array<{ id: string, trackingNumber: string | null }> } };

export type UpdateTrackingMutationVariables = Exact<{
  input: UpdateTrackingInput;
}>;


export type UpdateTrackingMutation = { updateTracking: { duplicateEventIds: Array<string>, shipments: Array<{ id: string, version: number, statusCode: StatusCode, trackingStatus: TrackingStatus | null, trackingSubstatus: string | null }>, appliedEvents: Array<{ id: string, eventId: string | null, event: string, eventRecordedAt: string, status: TrackingStatus, substatus: string }> } };


export const DemoShipmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DemoShipments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentCourier"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"cartons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DemoShipmentsQuery, DemoShipmentsQueryVariables>;
export const CreateShipmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateShipment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateShipmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createShipment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"cartons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}}]}}]}}]}}]} as unknown as DocumentNode<CreateShipmentMutation, CreateShipmentMutationVariables>;
export const UpdateTrackingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTracking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTrackingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTracking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"trackingStatus"}},{"kind":"Field","name":{"kind":"Name","value":"trackingSubstatus"}}]}},{"kind":"Field","name":{"kind":"Name","value":"appliedEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"eventRecordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"substatus"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duplicateEventIds"}}]}}]}}]} as unknown as DocumentNode<UpdateTrackingMutation, UpdateTrackingMutationVariables>;