/**
 * USPS Tracking 3.0 (developers.usps.com): OAuth client credentials at `POST /oauth2/v3/token`, then
 * `GET /tracking/v3/tracking/{trackingNumber}?expand=DETAIL` per number. Each event carries the local
 * `eventTimestamp` and, when USPS knows it, `GMTTimestamp`. 404 means USPS has no record.
 */
import { normalizeEventWords } from "../tracking/status.js";
import { notFound, type CourierAdapter, type CourierEvent, type CourierTracking } from "./adapter.js";
import { carrierDate, carrierTime, utcTime } from "./carrier-time.js";
import { oauthCourier, withBearer, type OAuthCourierSettings } from "./oauth.js";
import { classify, latestStatus, status, type StatusCodeTable } from "./status-codes.js";

interface UspsEvent {
  eventType?: string;
  eventTimestamp?: string;
  GMTTimestamp?: string;
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

// USPS event codes: 01 delivered, 02/52 notice left, 03/OA accepted, 07 arrived at the delivery unit,
// OF out for delivery, GX/MA label created / pre-shipment info, 09 and 21–31 return to sender.
const USPS_CODES: StatusCodeTable = {
  GX: status("INFO_RECEIVED", "info_received_001"),
  MA: status("INFO_RECEIVED", "info_received_001"),
  "03": status("IN_TRANSIT", "in_transit_002"),
  OA: status("IN_TRANSIT", "in_transit_002"),
  "07": status("IN_TRANSIT", "in_transit_004"),
  OF: status("OUT_FOR_DELIVERY", "out_for_delivery_001"),
  "01": status("DELIVERED", "delivered_001"),
  "02": status("ATTEMPT_FAIL", "attempt_fail_001"),
  "52": status("ATTEMPT_FAIL", "attempt_fail_001"),
  ...Object.fromEntries(["09", "21", "22", "23", "24", "25", "26", "27", "28", "29", "31"].map((c) => [c, status("RETURNING", "exception_010")])),
};

export function createUspsAdapter(settings: OAuthCourierSettings, now?: () => Date): CourierAdapter {
  const { http, tokens, configured } = oauthCourier("usps", settings, { path: "/oauth2/v3/token", clientAuth: "body" }, now);

  async function trackOne(trackingNumber: string, signal: AbortSignal): Promise<CourierTracking> {
    const body = await withBearer(tokens, signal, (authorization) =>
      http.sendOrNotFound<UspsTrackingResponse>(
        { path: `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}`, query: { expand: "DETAIL" }, headers: { authorization } },
        signal,
      ),
    );
    if (!body) return notFound(trackingNumber);
    const events = (body.trackingEvents ?? []).flatMap((e) => toEvent(e) ?? []);
    const delivered = body.trackingEvents?.find((e) => e.eventCode === "01");
    return {
      trackingNumber,
      found: true,
      // statusCategory ("Delivered", "In Transit", "Alert") is USPS's own summary of the item.
      status: body.statusCategory ? normalizeEventWords(body.statusCategory) : latestStatus(events),
      expectedDelivery: carrierDate(body.expectedDeliveryTimeStamp),
      signedBy: delivered?.name || null,
      events,
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
  const time = event.GMTTimestamp ? utcTime(event.GMTTimestamp) : event.eventTimestamp ? carrierTime(event.eventTimestamp) : null;
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
