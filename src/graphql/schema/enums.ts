/**
 * The GraphQL enums made from the Prisma enums, each value described once here. `Meanings` names
 * every value, so a value added to the Prisma schema does not compile until it is described.
 */
import * as enums from "../../generated/prisma/enums.js";
import { builder } from "./builder.js";

export type Meanings<E> = Record<keyof E, { description: string }>;

export const StatusCode = builder.enumType(enums.StatusCode, {
  name: "StatusCode",
  description:
    "fabric's shipment status. Standard shipments start as SHIPMENT_CREATED, pickups as PICKUP_CREATED; tracking moves them on only at the milestones below (deliveries, a pickup collected, returns).",
  values: {
    SHIPMENT_CREATED: { description: "A standard shipment was created; the default for `createShipment`." },
    SHIPMENT_UPDATED: { description: "The shipment document was changed after creation." },
    SHIPMENT_CANCELLED: { description: "The shipment was cancelled; tracking no longer changes its status." },
    PICKUP_CREATED: { description: "A pickup shipment was created and waits for the customer." },
    PICKUP_COMPLETED: { description: "The customer collected the pickup shipment (all its cartons delivered)." },
    SHIPMENT_DELIVERED: { description: "All cartons were delivered." },
    SHIPMENT_RETURN_PENDING: { description: "A return is under way: some carton is returning to, or was returned to, the sender." },
    SHIPMENT_RETURN_RECEIVED: { description: "All cartons were returned to the sender." },
    SHIPMENT_PARTIALLY_DELIVERED: { description: "Some, not all, cartons were delivered." },
  } satisfies Meanings<typeof enums.StatusCode>,
});

export const ShipmentType = builder.enumType(enums.ShipmentType, {
  name: "ShipmentType",
  description: "fabric's shipment type.",
  values: {
    STANDARD: { description: "An ordinary shipment to the customer; the default for `createShipment`." },
    RESHIP: { description: "A replacement for an earlier shipment (see `reshipmentReasonCode`)." },
    RETURN: { description: "Goods coming back from the customer." },
    SCRATCH: { description: "Items removed before shipping (see `scratchedItems`)." },
    PENDING_RETURN: { description: "A return that has been requested but has not started." },
    PICKUP: { description: "Collected by the customer at a location instead of delivered." },
    TRANSFER: { description: "Stock moved between the merchant's own locations." },
  } satisfies Meanings<typeof enums.ShipmentType>,
});

export const FulfillmentMethod = builder.enumType(enums.FulfillmentMethod, {
  name: "FulfillmentMethod",
  description: "How the shipment reaches the customer (the sync document's `fulfillment_method`).",
  values: {
    SHIPPING_PROVIDER: { description: "A courier carries it; the default for `createShipment`." },
    SELF_DELIVERY: { description: "The merchant delivers it with its own means." },
    CUSTOMER_PICKUP: { description: "The customer collects it." },
    SERVICES_ONLY: { description: "Nothing physical ships (services only)." },
  } satisfies Meanings<typeof enums.FulfillmentMethod>,
});

export const VerificationStatus = builder.enumType(enums.VerificationStatus, {
  name: "VerificationStatus",
  description: "Whether the courier has confirmed the tracking number (instant verification).",
  values: {
    VERIFIED: { description: "The courier confirmed the tracking number." },
    PENDING: { description: "Not confirmed yet: no courier answer so far, or a courier we cannot ask." },
  } satisfies Meanings<typeof enums.VerificationStatus>,
});

export const TrackingStatus = builder.enumType(enums.TrackingStatus, {
  name: "TrackingStatus",
  description:
    "Canonical tracking status, normalized from every courier onto AfterShip's tags, with returns split out as RETURNING/RETURNED. Listed in lifecycle order.",
  values: {
    PENDING: { description: "No tracking information yet, or the shipment was cancelled (AfterShip Pending)." },
    INFO_RECEIVED: { description: "The courier has the shipment's details and is about to pick it up (InfoReceived)." },
    IN_TRANSIT: { description: "On the way: accepted, at a hub, in customs, departed (InTransit)." },
    OUT_FOR_DELIVERY: { description: "Out for delivery, or a delivery appointment is set (OutForDelivery)." },
    AVAILABLE_FOR_PICKUP: { description: "Waiting at a pickup point for the recipient (AvailableForPickup)." },
    ATTEMPT_FAIL: { description: "A delivery attempt failed; the courier usually tries again (AttemptFail)." },
    DELIVERED: {
      description: "Delivered, picked up or signed for (Delivered). A late in-transit scan does not undo it; only a return does.",
    },
    EXCEPTION: { description: "Held, delayed, damaged, lost, refused or undeliverable (Exception)." },
    RETURNING: { description: "On its way back to the sender (AfterShip exception_010)." },
    RETURNED: { description: "Received back by the sender (AfterShip exception_011)." },
    EXPIRED: { description: "No news for a long time; no longer tracked (Expired)." },
  } satisfies Meanings<typeof enums.TrackingStatus>,
});

export const TrackingSource = builder.enumType(enums.TrackingSource, {
  name: "TrackingSource",
  description: "Where a tracking change came from.",
  values: {
    PUSH: { description: "Pushed to us: `updateTracking`, the update-tracking REST endpoint, or events in `createShipment`." },
    SYNC: { description: "Fetched from the courier on request: `syncShipmentTracking` or the sync REST endpoint." },
    POLL: { description: "Fetched from the courier by background tracking." },
  } satisfies Meanings<typeof enums.TrackingSource>,
});

export const FeeType = builder.enumType(enums.FeeType, {
  name: "FeeType",
  description: "Kind of fee on an item.",
  values: {
    TAX: { description: "A tax." },
    DISCOUNT: { description: "A discount." },
    FEE: { description: "A fee, e.g. a return fee." },
    ITEM: { description: "The price of an item." },
    ADJUSTMENT: { description: "A correction of an earlier amount." },
  } satisfies Meanings<typeof enums.FeeType>,
});

export const GiftCardStatus = builder.enumType(enums.GiftCardStatus, {
  name: "GiftCardStatus",
  description: "Gift card activation state.",
  values: {
    PENDING_ACTIVATION: { description: "Activation was requested and has not completed." },
    ACTIVE: { description: "The card is activated." },
    FAILED: { description: "Activation failed." },
  } satisfies Meanings<typeof enums.GiftCardStatus>,
});
