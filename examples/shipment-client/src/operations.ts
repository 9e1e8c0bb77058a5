/** The three screens' operations. Codegen turns each into a typed document in ./gql. */
import { graphql } from "./gql/index.js";

/** A list screen: one page of shipments, sorted and filtered, with the dashboard's status tiles. */
export const ListShipments = graphql(`
  query ListShipments($first: Int!, $after: String, $orderBy: ShipmentOrder, $filter: ShipmentFilter) {
    shipments(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id shipmentNumber trackingStatus expectedDelivery updatedAt }
    }
    statusCounts(filter: $filter) { trackingStatus count }
  }
`);

/** A detail screen: one shipment, its cartons and their latest tracking events. */
export const OpenShipment = graphql(`
  query OpenShipment($id: ID!) {
    shipment(id: $id) {
      id
      shipmentNumber
      version
      trackingStatus
      expectedDelivery
      cartons {
        trackingNumber
        trackingStatus
        trackingEventsConnection(last: 5) { nodes { event eventRecordedAt location status } }
      }
    }
  }
`);

/** Live updates for the open shipment; `afterVersion` replays what changed since it was loaded. */
export const WatchShipment = graphql(`
  subscription WatchShipment($shipmentId: ID!, $afterVersion: Int) {
    trackingUpdated(shipmentId: $shipmentId, afterVersion: $afterVersion) {
      version
      status
      events { event eventRecordedAt location status }
    }
  }
`);
