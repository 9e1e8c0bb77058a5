/**
 * The only GraphQL the tracking page runs: fixed here, with the shipment id set by the server after
 * the token matched. A visitor sends no document, so the public scope is this selection and nothing
 * more — no recipients, addresses, items, carrier notes or signatures.
 */
export const PUBLIC_SHIPMENT_FIELDS = /* GraphQL */ `
  fragment PublicShipment on Shipment {
    version
    trackingStatus
    expectedDelivery
    shipmentCourier
    cartons { trackingNumber shipmentCarrier trackingStatus }
    trackingEvents(last: 100) { event eventRecordedAt localTime location status trackingNumber }
  }
`;

export const TRACKING_PAGE_QUERY = /* GraphQL */ `
  query TrackingPage($shipmentId: ID!) { shipment(id: $shipmentId) { ...PublicShipment } }
  ${PUBLIC_SHIPMENT_FIELDS}
`;

export const TRACKING_PAGE_SUBSCRIPTION = /* GraphQL */ `
  subscription TrackingPageLive($shipmentId: ID!, $afterVersion: Int) {
    trackingUpdated(shipmentId: $shipmentId, afterVersion: $afterVersion) { shipment { ...PublicShipment } }
  }
  ${PUBLIC_SHIPMENT_FIELDS}
`;

export const TRACKING_PAGE_OPERATIONS = [TRACKING_PAGE_QUERY, TRACKING_PAGE_SUBSCRIPTION];

export interface PublicTrackingEvent {
  event: string;
  eventRecordedAt: string;
  localTime: string | null;
  location: string | null;
  status: string;
  trackingNumber: string | null;
}

export interface PublicShipment {
  version: number;
  trackingStatus: string | null;
  expectedDelivery: string | null;
  shipmentCourier: string | null;
  cartons: { trackingNumber: string | null; shipmentCarrier: string | null; trackingStatus: string | null }[];
  trackingEvents: PublicTrackingEvent[];
}
