/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

export type DemoShipmentsQueryVariables = Exact<{
  first: number;
}>;


export type DemoShipmentsQuery = { shipments: { totalCount: number, nodes: Array<{ id: string, shipmentNumber: string | null, shipmentCourier: string | null, statusCode: StatusCode, cartons: Array<{ trackingNumber: string | null, items: Array<{ sku: string | null }> }> }> } };


export const DemoShipmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DemoShipments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentNumber"}},{"kind":"Field","name":{"kind":"Name","value":"shipmentCourier"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"cartons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DemoShipmentsQuery, DemoShipmentsQueryVariables>;