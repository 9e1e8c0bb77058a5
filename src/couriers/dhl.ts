/**
 * DHL Shipment Tracking – Unified (developer.dhl.com/api-reference/shipment-tracking):
 * `GET /track/shipments?trackingNumber=…` with the `DHL-API-Key` header, one number per request.
 * Events carry `timestamp` (often a local time without offset), `statusCode` (pre-transit, transit,
 * delivered, failure, unknown) and a free-text `description`. 404 means no shipment was found.
 */
import { notFound, type CourierAdapter, type CourierEvent, type CourierTracking } from "./adapter.js";
import { carrierDate, carrierTime } from "./carrier-time.js";
import { courierHttp } from "./http.js";
import { classify, status, type StatusCodeTable } from "./status-codes.js";
import type { NormalizedStatus } from "../tracking/status.js";

export interface DhlSettings {
  baseUrl: string;
  apiKey?: string;
}

interface DhlEvent {
  timestamp?: string;
  statusCode?: string;
  status?: string;
  description?: string;
  location?: { address?: { addressLocality?: string; postalCode?: string; countryCode?: string } };
}
interface DhlShipment {
  id?: string;
  /** Set when the shipment is on its way back to the sender. */
  returnFlag?: boolean;
  status?: DhlEvent;
  estimatedTimeOfDelivery?: string;
  details?: { proofOfDelivery?: { signed?: { name?: string } } };
  events?: DhlEvent[];
}
interface DhlTrackResponse {
  shipments?: DhlShipment[];
}

const DHL_CODES: StatusCodeTable = {
  "pre-transit": status("INFO_RECEIVED", "info_received_001"),
  transit: status("IN_TRANSIT", "in_transit_001"),
  delivered: status("DELIVERED", "delivered_001"),
  failure: status("EXCEPTION", "exception_005"),
  unknown: status("PENDING", "pending_001"),
};

export function createDhlAdapter(settings: DhlSettings, now?: () => Date): CourierAdapter {
  const http = courierHttp("dhl", settings.baseUrl, now);

  async function trackOne(trackingNumber: string, signal: AbortSignal): Promise<CourierTracking> {
    const body = await http.sendOrNotFound<DhlTrackResponse>(
      { path: "/track/shipments", query: { trackingNumber }, headers: { "DHL-API-Key": settings.apiKey ?? "" } },
      signal,
    );
    const shipment = body?.shipments?.[0];
    if (!shipment) return notFound(trackingNumber);
    const returning = shipment.returnFlag === true;
    return {
      trackingNumber,
      found: true,
      status: shipment.status ? statusOf(shipment.status, returning) : null,
      expectedDelivery: carrierDate(shipment.estimatedTimeOfDelivery),
      signedBy: shipment.details?.proofOfDelivery?.signed?.name || null,
      events: (shipment.events ?? []).flatMap((e) => toEvent(e, returning) ?? []),
    };
  }

  return {
    code: "dhl",
    name: "DHL",
    verifies: true,
    configured: Boolean(settings.apiKey),
    track: (numbers, signal) => Promise.all(numbers.map((n) => trackOne(n, signal))),
  };
}

/** A return shipment's "delivered" is delivered back to the sender, DHL's `returnFlag` says so. */
function statusOf(event: DhlEvent, returning: boolean): NormalizedStatus {
  const normalized = classify(DHL_CODES, event.statusCode, event.description ?? event.status ?? "");
  if (!returning) return normalized;
  return normalized.status === "DELIVERED" ? status("RETURNED", "exception_011") : status("RETURNING", "exception_010");
}

function toEvent(event: DhlEvent, returning: boolean): CourierEvent | null {
  const time = event.timestamp ? carrierTime(event.timestamp) : null;
  if (!time) return null;
  const address = event.location?.address;
  const location = [address?.addressLocality, address?.postalCode, address?.countryCode].filter(Boolean).join(", ");
  return {
    event: event.description ?? event.status ?? "",
    carrierCode: event.statusCode,
    ...time,
    location: location || undefined,
    ...statusOf(event, returning),
  };
}
