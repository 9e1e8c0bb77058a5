/**
 * DHL Shipment Tracking – Unified (developer.dhl.com/api-reference/shipment-tracking):
 * `GET /track/shipments?trackingNumber=…` with the `DHL-API-Key` header, one number per request.
 * Events carry `timestamp` (often a local time without offset), `statusCode` (pre-transit, transit,
 * delivered, failure, unknown) and a free-text `description`. 404 means no shipment was found; a
 * number can answer with several shipments (pieces, or the same number reused by two DHL services).
 */
import { bySubstatus, type NormalizedStatus } from "../tracking/status.js";
import {
  foundTracking,
  notFound,
  readActivities,
  runtimeOf,
  type CourierAdapter,
  type CourierEvent,
  type CourierPiece,
  type CourierRuntime,
  type CourierTracking,
} from "./adapter.js";
import { carrierDate, carrierTime } from "./carrier-time.js";
import { courierHttp } from "./http.js";
import { classify, type StatusCodeTable } from "./status-codes.js";

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

/** DHL's unified `statusCode` → AfterShip substatus; the description refines it. */
export const DHL_CODES: StatusCodeTable = {
  "pre-transit": "info_received_001",
  transit: "in_transit_001",
  delivered: "delivered_001",
  failure: "exception_001",
  unknown: "pending_001",
};

export function createDhlAdapter(settings: DhlSettings, runtime?: CourierRuntime): CourierAdapter {
  const { logger } = runtimeOf(runtime);
  const http = courierHttp("dhl", settings.baseUrl, runtime);

  async function trackOne(trackingNumber: string, signal: AbortSignal): Promise<CourierTracking> {
    const body = await http.sendOrNotFound<DhlTrackResponse>(
      { path: "/track/shipments", query: { trackingNumber }, headers: { "DHL-API-Key": settings.apiKey ?? "" } },
      signal,
    );
    const shipments = body?.shipments ?? [];
    if (shipments.length === 0) return notFound(trackingNumber);
    let droppedEvents = 0;
    const pieces = shipments.map((shipment): CourierPiece => {
      const number = shipment.id ?? trackingNumber;
      const returning = shipment.returnFlag === true;
      const { events, dropped } = readActivities("dhl", number, shipment.events, (e) => toEvent(e, returning), logger);
      droppedEvents += dropped;
      return {
        trackingNumber: number,
        status: shipment.status ? statusOf(shipment.status, returning) : null,
        signedBy: shipment.details?.proofOfDelivery?.signed?.name || null,
        events,
      };
    });
    return foundTracking(
      trackingNumber,
      pieces,
      carrierDate(shipments.find((s) => s.estimatedTimeOfDelivery)?.estimatedTimeOfDelivery),
      droppedEvents,
    );
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
  return bySubstatus(normalized.status === "DELIVERED" ? "exception_011" : "exception_010");
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
