/** GraphQL operations the sync and background-tracking tests share. */
export const SYNC = `mutation ($id: ID!) {
  syncShipmentTracking(shipmentId: $id) {
    id version statusCode trackingStatus trackingSubstatus expectedDelivery verificationStatus shipmentCourier
    cartons { trackingNumber shipmentCarrier trackingStatus trackingEvents { eventId event status substatus source } }
  }
}`;

export const WATCH_SHIPMENT =
  "subscription ($id: ID!) { trackingUpdated(shipmentId: $id) { source version previousStatus status events { eventId event } } }";
