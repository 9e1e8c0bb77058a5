/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A half-open range of instants: at or after `from`, before `before`. Either end may be left open. */
export type DateTimeRange = {
  /** Exclusive upper bound. */
  before?: string | null | undefined;
  /** Inclusive lower bound. */
  from?: string | null | undefined;
};

/** Sort direction. */
export type OrderDirection =
  /** Smallest (earliest) first. */
  | 'ASC'
  /** Largest (latest) first. */
  | 'DESC';

/** Narrows `shipments` and `statusCounts`; all given conditions must hold. Strings hold at most 255 characters. */
export type ShipmentFilter = {
  /** Courier code, e.g. ups. */
  courier?: string | null | undefined;
  /** Created within this range. */
  createdAt?: DateTimeRange | null | undefined;
  /** Delivery expected within this range; shipments without an expected delivery never match. */
  expectedDelivery?: DateTimeRange | null | undefined;
  /** One of the order numbers the shipment fulfils (exact match). */
  orderNumber?: string | null | undefined;
  /** Email of one of the recipients (exact match, ignoring case). */
  recipientEmail?: string | null | undefined;
  /** Any of these fabric statuses. */
  statusCode?: Array<StatusCode> | null | undefined;
  /** Shipment or carton tracking number. */
  trackingNumber?: string | null | undefined;
  /** Any of these tracking statuses. */
  trackingStatus?: Array<TrackingStatus> | null | undefined;
  /** Changed at or after this instant. */
  updatedSince?: string | null | undefined;
};

/** How `shipments` are sorted; ties are broken by id, in the same direction. */
export type ShipmentOrder = {
  /** Sort direction; DESC by default. */
  direction?: OrderDirection;
  /** What to sort by. */
  field: ShipmentOrderField;
};

/** What `shipments` can be sorted by. */
export type ShipmentOrderField =
  /** When the shipment was created. */
  | 'CREATED_AT'
  /** Delivery expected by the courier; shipments without one sort as the latest. */
  | 'EXPECTED_DELIVERY'
  /** fabric status, in the order StatusCode lists its values. */
  | 'STATUS_CODE'
  /** Tracking status in lifecycle order, as TrackingStatus lists its values (PENDING … EXPIRED); untracked shipments sort as the latest. */
  | 'TRACKING_STATUS'
  /** When the shipment last changed. */
  | 'UPDATED_AT';

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

export type ListShipmentsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  orderBy?: ShipmentOrder | null | undefined;
  filter?: ShipmentFilter | null | undefined;
}>;


export type ListShipmentsQuery = { shipments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, shipmentNumber: string | null, trackingStatus: TrackingStatus | null, expectedDelivery: string | null, updatedAt: string }> }, statusCounts: Array<{ trackingStatus: TrackingStatus | null, count: number }> };

export type OpenShipmentQueryVariables = Exact<{
  id: string | number;
}>;


export type OpenShipmentQuery = { shipment: { id: string, shipmentNumber: string | null, version: number, trackingStatus: TrackingStatus | null, expectedDelivery: string | null, cartons: Array<{ trackingNumber: string | null, trackingStatus: TrackingStatus | null, trackingEventsConnection: { nodes: Array<{ event: string, eventRecordedAt: string, location: string | null, status: TrackingStatus }> } }> } | null };

export type WatchShipmentSubscriptionVariables = Exact<{
  shipmentId: string | number;
  afterVersion?: number | null | undefined;
}>;


export type WatchShipmentSubscription = { trackingUpdated: { version: number, status: TrackingStatus | null, events: Array<{ event: string, eventRecordedAt: string, location: string | null, status: TrackingStatus }> } };


export const ListShipmentsDocument = {"__meta__":{"hash":"sha256:2f93544d83b2512f71c9ff7e719ea48892660dc32da31790d7f4e6f554eaa4da"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListShipments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ShipmentOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ShipmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"trackingStatus"}},{"kind":"Field","name":{"kind":"Name","value":"expectedDelivery"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statusCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingStatus"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<ListShipmentsQuery, ListShipmentsQueryVariables>;
export const OpenShipmentDocument = {"__meta__":{"hash":"sha256:5cc2f5d408dd5554a2fcd952b9f412963315584c1c35b3871dd57251259e98a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenShipment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"trackingStatus"}},{"kind":"Field","name":{"kind":"Name","value":"expectedDelivery"}},{"kind":"Field","name":{"kind":"Name","value":"cartons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"trackingStatus"}},{"kind":"Field","name":{"kind":"Name","value":"trackingEventsConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"eventRecordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OpenShipmentQuery, OpenShipmentQueryVariables>;
export const WatchShipmentDocument = {"__meta__":{"hash":"sha256:c7e78215f439132ff394fe003d40a6b692fd70afe475ce0b96bbcff057f3f973"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchShipment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"shipmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"shipmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"shipmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"eventRecordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<WatchShipmentSubscription, WatchShipmentSubscriptionVariables>;