/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An amount expressed in one currency. */
export type AmountInCurrencyInput = {
  /** Amount in this currency. */
  amount: string;
  /** Currency in ISO-4217, e.g. USD. */
  currency: string;
  /** Customer-defined function that uses this currency, e.g. SHOPPER. */
  group?: string | null | undefined;
};

/** One audited change to the shipment document. */
export type AuditLogInput = {
  /** Generated (UUID) when omitted. */
  auditId?: string | null | undefined;
  /** Audit type, e.g. CANCEL, RETURN. */
  auditType: string;
  /** When the change happened; the time it is stored when omitted. */
  auditedAt?: string | null | undefined;
  /** Employee (id or name) who made the change. */
  employeeId?: string | null | undefined;
  /** Line item the change concerns. */
  lineItemId?: string | null | undefined;
  /** Additional info; at most 1000 characters. */
  note?: string | null | undefined;
  /** Merchant-defined reason code. */
  reasonCode?: string | null | undefined;
  /** Where the change came from, e.g. POS, CSR. */
  source?: string | null | undefined;
  /** Merchant-defined sub-reason code. */
  subReasonCode?: string | null | undefined;
  /** Fields the change modified. */
  updatedFields?: Array<UpdatedFieldInput> | null | undefined;
};

/** A package within the shipment; one tracking number per carton. */
export type CartonInput = {
  /** Merchant-defined carton identifier. */
  cartonNumber?: string | null | undefined;
  /** Carton type, e.g. Package. */
  cartonType?: string | null | undefined;
  /** Delivery date estimated by the carrier. */
  estimatedDeliveryDate?: string | null | undefined;
  /** Ship date estimated by the seller. */
  estimatedShipmentDate?: string | null | undefined;
  /** Items packed in the carton; at most 100. */
  items?: Array<ItemInput> | null | undefined;
  /** Delivery date promised by the seller. */
  promisedDeliveryDate?: string | null | undefined;
  /** Carrier name, e.g. FEDEX. */
  shipmentCarrier?: string | null | undefined;
  /** Shipping method, e.g. ground. */
  shipmentMethod?: string | null | undefined;
  /** Events already known for this carton, in any order; at most 500. */
  tracking?: Array<TrackingEventInput> | null | undefined;
  /** One tracking number per carton, unique within the tenant. Needed when `tracking` is given. */
  trackingNumber?: string | null | undefined;
  /** Carrier page tracking this carton; at most 2048 characters. */
  trackingURL?: string | null | undefined;
  /** Carton weight, e.g. "500 grams". */
  weight?: string | null | undefined;
};

/** fabric's shipment document, plus the sync API's courier fields. Every field is optional. Strings hold at most 255 characters and lists at most 100 entries unless a field says otherwise; amounts 15 digits before the point and 4 after it; and one request at most 1000 input objects in all (a carton, an item, a fee, an event each count one). */
export type CreateShipmentInput = {
  /** Allocation this shipment was created from. */
  allocationId?: string | null | undefined;
  /** Audited changes to record with the shipment. */
  auditLogs?: Array<AuditLogInput> | null | undefined;
  /** Cartons in the shipment; at most 100. */
  cartons?: Array<CartonInput> | null | undefined;
  /** Defaults to SHIPPING_PROVIDER. */
  fulfillmentMethod?: FulfillmentMethod | null | undefined;
  /** Invoice created at shipment (capture at shipment). */
  invoiceId?: string | null | undefined;
  /** Ship-from location number. */
  locationNumber?: string | null | undefined;
  /** Ship-from location type, e.g. DC. */
  locationType?: string | null | undefined;
  /** Master tracking number for all cartons. */
  masterTrackingNumber?: string | null | undefined;
  /** Associated merchant invoice. */
  merchantInvoiceId?: string | null | undefined;
  /** Order numbers this shipment fulfils. */
  orderNumbers?: Array<string> | null | undefined;
  /** Merchant-defined purchase order number. */
  poNumber?: string | null | undefined;
  /** Recipients of the shipment. */
  recipients?: Array<RecipientInput> | null | undefined;
  /** Why this is a reshipment. */
  reshipmentReasonCode?: string | null | undefined;
  /** Items removed before shipping. */
  scratchedItems?: Array<ScratchedItemInput> | null | undefined;
  /** Where the shipment goes. */
  shipToAddress?: ShipToAddressInput | null | undefined;
  /** Ship-to id from the Shipping service. */
  shipToId?: string | null | undefined;
  /** Courier code, e.g. ups. */
  shipmentCourier?: string | null | undefined;
  /** Merchant's identifier for reconciling with external order management or fulfillment systems. */
  shipmentExternalId?: string | null | undefined;
  /** fabric's system-generated shipment id. */
  shipmentId?: string | null | undefined;
  /** Merchant-defined unique shipment number. */
  shipmentNumber?: string | null | undefined;
  /** Tracking number given by the courier for the shipment as a whole. */
  shipmentTrackingNumber?: string | null | undefined;
  /** When the order shipped. */
  shippedAt?: string | null | undefined;
  /** Defaults to SHIPMENT_CREATED. */
  statusCode?: StatusCode | null | undefined;
  /** Further classification, e.g. COD. */
  subtype?: string | null | undefined;
  /** Total number of cartons in the shipment. */
  totalCartons?: number | null | undefined;
  /** Defaults to STANDARD. */
  type?: ShipmentType | null | undefined;
  /** Vendor responsible (drop-shipping). */
  vendorId?: string | null | undefined;
};

/** A fee charged on an item (return fee, tax, discount…). */
export type FeeInput = {
  /** Merchant-defined fee amount. */
  amount?: string | null | undefined;
  /** The fee amount in one or more currencies. */
  amountInCurrencies?: Array<AmountInCurrencyInput> | null | undefined;
  /** Fee name, e.g. RETURN_FEE. */
  name?: string | null | undefined;
  /** Merchant-defined reason for the fee; at most 1000 characters. */
  reason?: string | null | undefined;
  /** Fee type. */
  type?: FeeType | null | undefined;
};

/** Kind of fee on an item. */
export type FeeType =
  /** A correction of an earlier amount. */
  | 'ADJUSTMENT'
  /** A discount. */
  | 'DISCOUNT'
  /** A fee, e.g. a return fee. */
  | 'FEE'
  /** The price of an item. */
  | 'ITEM'
  /** A tax. */
  | 'TAX';

/** How the shipment reaches the customer (the sync document's `fulfillment_method`). */
export type FulfillmentMethod =
  /** The customer collects it. */
  | 'CUSTOMER_PICKUP'
  /** The merchant delivers it with its own means. */
  | 'SELF_DELIVERY'
  /** Nothing physical ships (services only). */
  | 'SERVICES_ONLY'
  /** A courier carries it; the default for `createShipment`. */
  | 'SHIPPING_PROVIDER';

/** A gift card shipped as an item. */
export type GiftCardInput = {
  /** Gift card amount. */
  amount?: string | null | undefined;
  /** The gift card amount in one or more currencies. */
  amountInCurrencies?: Array<AmountInCurrencyInput> | null | undefined;
  /** When the card was activated. */
  giftCardActivatedAt?: string | null | undefined;
  /** When activation was requested. */
  giftCardActivationRequestedAt?: string | null | undefined;
  /** Gift card number. */
  giftCardNumber?: string | null | undefined;
  /** Activation state. */
  giftCardStatus?: GiftCardStatus | null | undefined;
};

/** Gift card activation state. */
export type GiftCardStatus =
  /** The card is activated. */
  | 'ACTIVE'
  /** Activation failed. */
  | 'FAILED'
  /** Activation was requested and has not completed. */
  | 'PENDING_ACTIVATION';

/** A line item packed in a carton. */
export type ItemInput = {
  /** Fees on this item. */
  fees?: Array<FeeInput> | null | undefined;
  /** Gift cards shipped as this item. */
  giftCards?: Array<GiftCardInput> | null | undefined;
  /** Unique item identifier. */
  itemId?: number | null | undefined;
  /** Merchant-defined identifier of the item in its order. */
  lineItemId?: string | null | undefined;
  /** 24-character order id from fabric's Create Order endpoint. */
  orderId?: string | null | undefined;
  /** Merchant-defined order identifier. */
  orderNumber?: string | null | undefined;
  /** Quantity ordered. */
  orderedQuantity?: number | null | undefined;
  /** Refund amount for returned items. */
  refundAmount?: string | null | undefined;
  /** The refund amount in one or more currencies. */
  refundAmountInCurrencies?: Array<AmountInCurrencyInput> | null | undefined;
  /** Quantity returned. */
  returnQuantity?: number | null | undefined;
  /** Item segment. */
  segment?: string | null | undefined;
  /** Identifier of the item within the shipment. */
  shipmentLineItemId?: string | null | undefined;
  /** Quantity shipped. */
  shippedQuantity?: number | null | undefined;
  /** Stock keeping unit. */
  sku?: string | null | undefined;
  /** Unit of measure, e.g. EA, GAL, DZ. */
  uom?: string | null | undefined;
  /** Vendor responsible for the item (drop-shipping). */
  vendorId?: string | null | undefined;
};

/** A person's name; every part is optional. */
export type PersonNameInput = {
  /** First (given) name. */
  firstName?: string | null | undefined;
  /** Last (family) name. */
  lastName?: string | null | undefined;
  /** Middle name or initial. */
  middleName?: string | null | undefined;
};

/** A phone number and its kind. */
export type PhoneInput = {
  /** The number as written, e.g. 123-456-7890. */
  number?: string | null | undefined;
  /** e.g. MOBILE. */
  type?: string | null | undefined;
};

/** Someone who receives the shipment. */
export type RecipientInput = {
  /** Recipient's email; `shipments(filter: { recipientEmail })` finds the shipment by it. */
  email?: string | null | undefined;
  /** Recipient's name. */
  name?: PersonNameInput | null | undefined;
  /** Recipient's phone. */
  phone?: PhoneInput | null | undefined;
};

/** An item removed from the shipment before it shipped, and why. */
export type ScratchedItemInput = {
  /** Unique item identifier. */
  itemId?: number | null | undefined;
  /** Merchant-defined line item identifier in the order. */
  lineItemId?: string | null | undefined;
  /** Order ID from fabric's Create Order endpoint. */
  orderId?: string | null | undefined;
  /** Number of scratched items. */
  quantity?: number | null | undefined;
  /** Reason code for the scratch. */
  reasonCode?: string | null | undefined;
  /** Stock keeping unit. */
  sku?: string | null | undefined;
  /** Sub-reason code. */
  subReasonCode?: string | null | undefined;
  /** Unit of measure, e.g. EA, GAL, DZ. */
  uom?: string | null | undefined;
};

/** Where the shipment goes. */
export type ShipToAddressInput = {
  /** Address line 1. */
  addressLine1?: string | null | undefined;
  /** Address line 2. */
  addressLine2?: string | null | undefined;
  /** Address line 3. */
  addressLine3?: string | null | undefined;
  /** Address line 4. */
  addressLine4?: string | null | undefined;
  /** City name. */
  city?: string | null | undefined;
  /** ISO 3166-1 alpha-2. */
  countryCode?: string | null | undefined;
  /** Contact person's email. */
  email?: string | null | undefined;
  /** Decimal degrees, -90 to 90 (negative is south); at most 6 digits after the point. */
  latitude?: string | null | undefined;
  /** Decimal degrees, -180 to 180 (negative is west); at most 6 digits after the point. */
  longitude?: string | null | undefined;
  /** Contact person's name. */
  name?: PersonNameInput | null | undefined;
  /** Contact person's phone. */
  phone?: PhoneInput | null | undefined;
  /** Postal or ZIP code. */
  postalCode?: string | null | undefined;
  /** Region or state. */
  region?: string | null | undefined;
  /** Address type, e.g. Home. */
  type?: string | null | undefined;
};

/** fabric's shipment type. */
export type ShipmentType =
  /** A return that has been requested but has not started. */
  | 'PENDING_RETURN'
  /** Collected by the customer at a location instead of delivered. */
  | 'PICKUP'
  /** A replacement for an earlier shipment (see `reshipmentReasonCode`). */
  | 'RESHIP'
  /** Goods coming back from the customer. */
  | 'RETURN'
  /** Items removed before shipping (see `scratchedItems`). */
  | 'SCRATCH'
  /** An ordinary shipment to the customer; the default for `createShipment`. */
  | 'STANDARD'
  /** Stock moved between the merchant's own locations. */
  | 'TRANSFER';

/** fabric's shipment status. Standard shipments start as SHIPMENT_CREATED, pickups as PICKUP_CREATED; tracking moves them on only at the milestones below (deliveries, a pickup collected, returns). */
export type StatusCode =
  /** The customer collected the pickup shipment (all its cartons delivered). */
  | 'PICKUP_COMPLETED'
  /** A pickup shipment was created and waits for the customer. */
  | 'PICKUP_CREATED'
  /** The shipment was cancelled; tracking no longer changes its status. */
  | 'SHIPMENT_CANCELLED'
  /** A standard shipment was created; the default for `createShipment`. */
  | 'SHIPMENT_CREATED'
  /** All cartons were delivered. */
  | 'SHIPMENT_DELIVERED'
  /** Some, not all, cartons were delivered. */
  | 'SHIPMENT_PARTIALLY_DELIVERED'
  /** A return is under way: some carton is returning to, or was returned to, the sender. */
  | 'SHIPMENT_RETURN_PENDING'
  /** All cartons were returned to the sender. */
  | 'SHIPMENT_RETURN_RECEIVED'
  /** The shipment document was changed after creation. */
  | 'SHIPMENT_UPDATED';

/** One carrier event, as fabric's update-tracking request carries it. */
export type TrackingEventInput = {
  /** What happened, in the carrier's words, e.g. "picked up"; at most 1000 characters. Mandatory, not blank. */
  event: string;
  /** Event id provided by the carrier; re-sending the same id is a no-op. */
  eventId?: string | null | undefined;
  /** When the event happened, with an offset (UTC preferred). */
  eventRecordedAt: string;
  /** Where it happened, e.g. "Reno, NV"; at most 1000 characters. */
  location?: string | null | undefined;
  /** Notes the carrier attached to the event. */
  notes?: TrackingNotesInput | null | undefined;
  /** Carrier, e.g. FEDEX. */
  shipmentCarrier?: string | null | undefined;
};

/** Free-text notes the carrier attached to an event. */
export type TrackingNotesInput = {
  /** The notes; at most 1000 characters. */
  description: string;
};

/** Canonical tracking status, normalized from every courier onto AfterShip's tags, with returns split out as RETURNING/RETURNED. Listed in lifecycle order. */
export type TrackingStatus =
  /** A delivery attempt failed; the courier usually tries again (AttemptFail). */
  | 'ATTEMPT_FAIL'
  /** Waiting at a pickup point for the recipient (AvailableForPickup). */
  | 'AVAILABLE_FOR_PICKUP'
  /** Delivered, picked up or signed for (Delivered). A late in-transit scan does not undo it; only a return does. */
  | 'DELIVERED'
  /** Held, delayed, damaged, lost, refused or undeliverable (Exception). */
  | 'EXCEPTION'
  /** No news for a long time; no longer tracked (Expired). */
  | 'EXPIRED'
  /** The courier has the shipment's details and is about to pick it up (InfoReceived). */
  | 'INFO_RECEIVED'
  /** On the way: accepted, at a hub, in customs, departed (InTransit). */
  | 'IN_TRANSIT'
  /** Out for delivery, or a delivery appointment is set (OutForDelivery). */
  | 'OUT_FOR_DELIVERY'
  /** No tracking information yet, or the shipment was cancelled (AfterShip Pending). */
  | 'PENDING'
  /** Received back by the sender (AfterShip exception_011). */
  | 'RETURNED'
  /** On its way back to the sender (AfterShip exception_010). */
  | 'RETURNING';

/** fabric's update-tracking request: new events for one carton of a shipment. Strings hold at most 255 characters and lists at most 100 entries unless a field says otherwise; amounts 15 digits before the point and 4 after it; and one request at most 1000 input objects in all (a carton, an item, a fee, an event each count one). */
export type UpdateTrackingInput = {
  /** Apply only if the shipment is still at this version (else CONFLICT with currentVersion). */
  expectedVersion?: number | null | undefined;
  /** Merchant-defined shipment number. */
  shipmentNumber: string;
  /** The events, in any order; re-sent events are ignored. At most 500. */
  tracking: Array<TrackingEventInput>;
  /** Tracking number of the carton the events belong to. */
  trackingNumber: string;
  /** Carrier page tracking this carton; at most 2048 characters. */
  trackingURL?: string | null | undefined;
};

/** A field an audited change modified, with its value before the change. */
export type UpdatedFieldInput = {
  /** Name of the modified field. */
  fieldName: string;
  /** Its value before the change; at most 1000 characters. */
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