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
const ENUMS = new Set(["fulfillment_method", "verification_status", "tracking_status"]);

/** Every documented field, always: clients written against the seed read the key, null when unknown. */
const toSeedJson = (shipment: SyncedShipment) =>
  Object.fromEntries(Object.entries(shipment).map(([key, value]) => [key, value !== null && ENUMS.has(key) ? value.toLowerCase() : value]));

export const syncShipment: RouteHandler = async ({ gateway, viewer, req, params: [shipmentId] }) => {
  const outcome = await execute<{ syncShipmentTracking: SyncedShipment }>(gateway, viewer, {
    document: SYNC,
    variables: { shipmentId },
    names: { shipmentId: "shipment_id" },
    headers: req.headers,
  });
  if (!outcome.ok) return outcome.error;
  return { status: 200, headers: {}, body: toSeedJson(outcome.data.syncShipmentTracking) };
};
