/**
 * What a frontend does with the client: list shipments, open one, keep it live. Each function is a
 * screen's data needs; the types come from codegen, so a schema change that breaks a screen fails to
 * compile.
 */
import type { ShipmentClient } from "./client.js";
import type { OpenShipmentQuery, WatchShipmentSubscription } from "./gql/graphql.js";
import { ListShipments, OpenShipment, WatchShipment } from "./operations.js";

/** The list screen: most recently changed first, optionally narrowed to an order number. */
export async function listShipments(client: ShipmentClient, options: { after?: string; orderNumber?: string } = {}) {
  const data = await client.request(ListShipments, {
    first: 20,
    after: options.after,
    orderBy: { field: "UPDATED_AT", direction: "DESC" },
    filter: options.orderNumber ? { orderNumber: options.orderNumber } : undefined,
  });
  return { ...data.shipments, statusCounts: data.statusCounts };
}

export type OpenedShipment = NonNullable<OpenShipmentQuery["shipment"]>;

/** The detail screen. */
export async function openShipment(client: ShipmentClient, id: string): Promise<OpenedShipment | null> {
  return (await client.request(OpenShipment, { id })).shipment ?? null;
}

/**
 * Keeps an opened shipment live: every tracking change since its `version` arrives, in order, even
 * those that happened while the screen was loading. Returns the unsubscribe function.
 */
export function watchShipment(
  client: ShipmentClient,
  shipment: OpenedShipment,
  onChange: (update: WatchShipmentSubscription["trackingUpdated"]) => void,
) {
  return client.subscribe(WatchShipment, { shipmentId: shipment.id, afterVersion: shipment.version }, (data) =>
    onChange(data.trackingUpdated),
  );
}
