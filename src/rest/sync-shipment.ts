/**
 * The V5 sync API's `POST /v5/shipments/{shipment_id}/sync` (also without the version prefix),
 * answered by `Mutation.syncShipmentTracking`. Aliases give the seed's snake_case names.
 */
import { execute } from "./execute.js";
import type { RouteHandler } from "./route.js";

export const SYNC = /* GraphQL */ `
  mutation RestSyncShipmentTracking($shipmentId: ID!) {
    syncShipmentTracking(shipmentId: $shipmentId) {
      id
      merchant_invoice_id: merchantInvoiceId
      fulfillment_method: fulfillmentMethod
      shipment_tracking_number: shipmentTrackingNumber
      shipment_courier: shipmentCourier
      verification_status: verificationStatus
      created_at: createdAt
      updated_at: updatedAt
      tracking_status: trackingStatus
      tracking_substatus: trackingSubstatus
      expected_delivery: expectedDelivery
    }
  }
`;

type SyncedShipment = Record<string, string | null>;

/** GraphQL enum values, which the seed writes in lower case (`shipping_provider`, `delivered`). */
const ENUMS = ["fulfillment_method", "verification_status", "tracking_status"];
/** The only fields the seed documents as nullable; other absent fields are left out. */
const NULLABLE = new Set(["tracking_status", "tracking_substatus", "expected_delivery"]);

function toSeedJson(shipment: SyncedShipment) {
  return Object.fromEntries(
    Object.entries(shipment).flatMap(([key, value]): [string, string | null][] => {
      if (value === null) return NULLABLE.has(key) ? [[key, null]] : [];
      return [[key, ENUMS.includes(key) ? value.toLowerCase() : value]];
    }),
  );
}

export const syncShipment: RouteHandler = async ({ gateway, req, params: [shipmentId] }) => {
  const outcome = await execute<{ syncShipmentTracking: SyncedShipment }>(gateway, SYNC, { shipmentId }, req.headers);
  if (!outcome.ok) return outcome.error;
  return { status: 200, headers: {}, body: toSeedJson(outcome.data.syncShipmentTracking) };
};
