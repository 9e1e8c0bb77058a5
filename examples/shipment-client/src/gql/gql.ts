/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ListShipments($first: Int!, $after: String, $orderBy: ShipmentOrder, $filter: ShipmentFilter) {\n    shipments(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id shipmentNumber trackingStatus expectedDelivery updatedAt }\n    }\n    statusCounts(filter: $filter) { trackingStatus count }\n  }\n": typeof types.ListShipmentsDocument,
    "\n  query OpenShipment($id: ID!) {\n    shipment(id: $id) {\n      id\n      shipmentNumber\n      version\n      trackingStatus\n      expectedDelivery\n      cartons {\n        trackingNumber\n        trackingStatus\n        trackingEventsConnection(last: 5) { nodes { event eventRecordedAt location status } }\n      }\n    }\n  }\n": typeof types.OpenShipmentDocument,
    "\n  subscription WatchShipment($shipmentId: ID!, $afterVersion: Int) {\n    trackingUpdated(shipmentId: $shipmentId, afterVersion: $afterVersion) {\n      version\n      status\n      events { event eventRecordedAt location status }\n    }\n  }\n": typeof types.WatchShipmentDocument,
};
const documents: Documents = {
    "\n  query ListShipments($first: Int!, $after: String, $orderBy: ShipmentOrder, $filter: ShipmentFilter) {\n    shipments(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id shipmentNumber trackingStatus expectedDelivery updatedAt }\n    }\n    statusCounts(filter: $filter) { trackingStatus count }\n  }\n": types.ListShipmentsDocument,
    "\n  query OpenShipment($id: ID!) {\n    shipment(id: $id) {\n      id\n      shipmentNumber\n      version\n      trackingStatus\n      expectedDelivery\n      cartons {\n        trackingNumber\n        trackingStatus\n        trackingEventsConnection(last: 5) { nodes { event eventRecordedAt location status } }\n      }\n    }\n  }\n": types.OpenShipmentDocument,
    "\n  subscription WatchShipment($shipmentId: ID!, $afterVersion: Int) {\n    trackingUpdated(shipmentId: $shipmentId, afterVersion: $afterVersion) {\n      version\n      status\n      events { event eventRecordedAt location status }\n    }\n  }\n": types.WatchShipmentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListShipments($first: Int!, $after: String, $orderBy: ShipmentOrder, $filter: ShipmentFilter) {\n    shipments(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id shipmentNumber trackingStatus expectedDelivery updatedAt }\n    }\n    statusCounts(filter: $filter) { trackingStatus count }\n  }\n"): (typeof documents)["\n  query ListShipments($first: Int!, $after: String, $orderBy: ShipmentOrder, $filter: ShipmentFilter) {\n    shipments(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id shipmentNumber trackingStatus expectedDelivery updatedAt }\n    }\n    statusCounts(filter: $filter) { trackingStatus count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenShipment($id: ID!) {\n    shipment(id: $id) {\n      id\n      shipmentNumber\n      version\n      trackingStatus\n      expectedDelivery\n      cartons {\n        trackingNumber\n        trackingStatus\n        trackingEventsConnection(last: 5) { nodes { event eventRecordedAt location status } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenShipment($id: ID!) {\n    shipment(id: $id) {\n      id\n      shipmentNumber\n      version\n      trackingStatus\n      expectedDelivery\n      cartons {\n        trackingNumber\n        trackingStatus\n        trackingEventsConnection(last: 5) { nodes { event eventRecordedAt location status } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WatchShipment($shipmentId: ID!, $afterVersion: Int) {\n    trackingUpdated(shipmentId: $shipmentId, afterVersion: $afterVersion) {\n      version\n      status\n      events { event eventRecordedAt location status }\n    }\n  }\n"): (typeof documents)["\n  subscription WatchShipment($shipmentId: ID!, $afterVersion: Int) {\n    trackingUpdated(shipmentId: $shipmentId, afterVersion: $afterVersion) {\n      version\n      status\n      events { event eventRecordedAt location status }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;