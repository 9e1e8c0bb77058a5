import * as enums from "../generated/prisma/enums.js";
import { builder } from "./builder.js";

export const StatusCode = builder.enumType(enums.StatusCode, {
  name: "StatusCode",
  description:
    "fabric's shipment status. Standard shipments start as SHIPMENT_CREATED, pickups as PICKUP_CREATED; tracking moves them on at the milestones fabric names (partially delivered, delivered, pickup completed, return pending, return received).",
});

export const ShipmentType = builder.enumType(enums.ShipmentType, { name: "ShipmentType", description: "fabric's shipment type." });

export const FulfillmentMethod = builder.enumType(enums.FulfillmentMethod, {
  name: "FulfillmentMethod",
  description: "How the shipment reaches the customer (the sync document's `fulfillment_method`).",
});

export const VerificationStatus = builder.enumType(enums.VerificationStatus, {
  name: "VerificationStatus",
  description: "VERIFIED once the courier has confirmed the tracking number (instant verification); PENDING until then.",
});

export const TrackingStatus = builder.enumType(enums.TrackingStatus, {
  name: "TrackingStatus",
  description:
    "Canonical tracking status, normalized from every courier (AfterShip's tags: Pending, InfoReceived, InTransit, OutForDelivery, AvailableForPickup, AttemptFail, Delivered, Exception, Expired; returns split out as RETURNING/RETURNED).",
});

export const TrackingSource = builder.enumType(enums.TrackingSource, {
  name: "TrackingSource",
  description: "Where a tracking change came from: PUSH (updateTracking), SYNC (syncShipmentTracking) or POLL (background tracking).",
});

export const FeeType = builder.enumType(enums.FeeType, { name: "FeeType", description: "Kind of fee on an item." });

export const GiftCardStatus = builder.enumType(enums.GiftCardStatus, { name: "GiftCardStatus", description: "Gift card activation state." });
