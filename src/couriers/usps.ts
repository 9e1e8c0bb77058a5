/**
 * USPS Tracking 3.0 (developers.usps.com): OAuth client credentials at `POST /oauth2/v3/token`, then
 * `GET /tracking/v3/tracking/{trackingNumber}?expand=DETAIL` per number. Each event carries the local
 * `eventTimestamp` and, when USPS knows them, `GMTTimestamp` and `GMTOffset`. 404 means USPS has no record.
 */
import {
  notFound,
  readActivities,
  runtimeOf,
  type CourierAdapter,
  type CourierEvent,
  type CourierRuntime,
  type CourierTracking,
} from "./adapter.js";
import { carrierDate, carrierTime, utcTime } from "./carrier-time.js";
import { oauthCourier, withBearer, type OAuthCourierSettings } from "./oauth.js";
import { classify, latestStatus, type StatusCodeTable } from "./status-codes.js";

interface UspsEvent {
  eventType?: string;
  eventTimestamp?: string;
  GMTTimestamp?: string;
  /** The event's zone as an offset ("-05:00"), beside the local `eventTimestamp`. */
  GMTOffset?: string;
  eventCode?: string;
  eventCity?: string;
  eventState?: string;
  eventZIP?: string;
  eventCountry?: string;
  /** Who signed, on delivery events. */
  name?: string;
}
interface UspsTrackingResponse {
  trackingNumber?: string;
  statusCategory?: string;
  status?: string;
  expectedDeliveryTimeStamp?: string;
  trackingEvents?: UspsEvent[];
}

/** USPS event codes → AfterShip substatus. 21–31 are the undeliverable reasons that send an item back. */
export const USPS_CODES: StatusCodeTable = {
  GX: "info_received_001", // shipping label created
  MA: "info_received_001", // pre-shipment: electronic information received
  "03": "in_transit_002", // accepted at USPS origin facility
  OA: "in_transit_002", // origin acceptance
  "10": "in_transit_003", // processed through facility
  "07": "in_transit_003", // arrived at post office
  PC: "in_transit_003", // sorting complete
  SF: "in_transit_007", // departed post office
  T1: "in_transit_007", // departed USPS facility
  OF: "out_for_delivery_001", // out for delivery
  "16": "available_for_pickup_001", // available for pickup
  "02": "attempt_fail_001", // notice left
  "52": "attempt_fail_001", // notice left, receptacle full / item oversized
  "01": "delivered_001", // delivered
  "17": "delivered_002", // picked up at the post office
  "04": "exception_003", // refused
  "05": "exception_007", // undeliverable as addressed
  ...Object.fromEntries(["09", "21", "22", "23", "24", "25", "26", "27", "28", "29", "31"].map((c) => [c, "exception_010" as const])),
};

/** USPS's `statusCategory`, its summary of the item → AfterShip substatus. */
export const USPS_CATEGORIES: StatusCodeTable = {
  "Pre-Shipment": "info_received_001",
  Accepted: "in_transit_002",
  "In Transit": "in_transit_001",
  "In-Transit": "in_transit_001",
  "Out for Delivery": "out_for_delivery_001",
  "Available for Pickup": "available_for_pickup_001",
  "Delivery Attempt": "attempt_fail_001",
  Delivered: "delivered_001",
  Alert: "exception_001",
  "Return to Sender": "exception_010",
};

export function createUspsAdapter(settings: OAuthCourierSettings, runtime?: CourierRuntime): CourierAdapter {
  const { logger } = runtimeOf(runtime);
  const { http, tokens, configured } = oauthCourier("usps", settings, { path: "/oauth2/v3/token", clientAuth: "body" }, runtime);

  async function trackOne(trackingNumber: string, signal: AbortSignal): Promise<CourierTracking> {
    const body = await withBearer(tokens, signal, (authorization) =>
      http.sendOrNotFound<UspsTrackingResponse>(
        { path: `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}`, query: { expand: "DETAIL" }, headers: { authorization } },
        signal,
      ),
    );
    if (!body) return notFound(trackingNumber);
    const { events, dropped } = readActivities("usps", trackingNumber, body.trackingEvents, toEvent, logger);
    const delivered = body.trackingEvents?.find((e) => e.eventCode === "01");
    const status = body.statusCategory ? classify(USPS_CATEGORIES, body.statusCategory, body.status ?? "") : latestStatus(events);
    // USPS lists events newest first; the latest one with an offset is nearest the destination's zone.
    const offset = body.trackingEvents?.find((e) => e.GMTOffset)?.GMTOffset;
    return {
      trackingNumber,
      found: true,
      status,
      expectedDelivery: carrierDate(body.expectedDeliveryTimeStamp, offset),
      pieces: [{ trackingNumber, status, signedBy: delivered?.name || null, events }],
      droppedEvents: dropped,
    };
  }

  return {
    code: "usps",
    name: "USPS",
    verifies: true,
    configured,
    track: (numbers, signal) => Promise.all(numbers.map((n) => trackOne(n, signal))),
  };
}

function toEvent(event: UspsEvent): CourierEvent | null {
  const gmt = event.GMTTimestamp ? utcTime(event.GMTTimestamp) : null;
  const time = gmt ?? (event.eventTimestamp ? carrierTime(event.eventTimestamp, event.GMTOffset) : null);
  if (!time) return null;
  const text = event.eventType ?? "";
  const location = [event.eventCity, event.eventState, event.eventZIP, event.eventCountry].filter(Boolean).join(", ");
  return {
    event: text,
    carrierCode: event.eventCode,
    ...time,
    location: location || undefined,
    ...classify(USPS_CODES, event.eventCode, text),
  };
}
