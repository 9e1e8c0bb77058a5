/**
 * UPS Track API (developer.ups.com; OpenAPI `Tracking.yaml` in github.com/UPS-API/api-documentation):
 * OAuth client credentials at `POST /security/v1/oauth/token` (client_secret_basic), then
 * `GET /api/track/v1/details/{inquiryNumber}` per number with `transId` and `transactionSrc` headers.
 * 404 means UPS has no information for the number.
 */
import { randomUUID } from "node:crypto";
import { notFound, type CourierAdapter, type CourierEvent, type CourierTracking } from "./adapter.js";
import { carrierDate, carrierTime, joinCompactDateTime, utcTime } from "./carrier-time.js";
import { oauthCourier, withBearer, type OAuthCourierSettings } from "./oauth.js";
import { classify, latestStatus, status, type StatusCodeTable } from "./status-codes.js";

interface UpsStatus {
  type?: string;
  code?: string;
  description?: string;
}
interface UpsActivity {
  date?: string;
  time?: string;
  gmtDate?: string;
  gmtTime?: string;
  location?: { address?: { city?: string; stateProvince?: string; countryCode?: string; country?: string } };
  status?: UpsStatus;
}
interface UpsPackage {
  trackingNumber?: string;
  activity?: UpsActivity[];
  currentStatus?: UpsStatus;
  deliveryDate?: { type?: string; date?: string }[];
  deliveryTime?: { type?: string; endTime?: string };
  deliveryInformation?: { receivedBy?: string };
}
interface UpsTrackResponse {
  trackResponse?: { shipment?: { package?: UpsPackage[] }[] };
}

// Activity status types from UPS's Track API codes: I in transit, P pickup, M manifest (label created),
// O out for delivery, D delivered, X exception, RS returned to shipper.
const UPS_TYPES: StatusCodeTable = {
  M: status("INFO_RECEIVED", "info_received_001"),
  P: status("IN_TRANSIT", "in_transit_002"),
  I: status("IN_TRANSIT", "in_transit_001"),
  O: status("OUT_FOR_DELIVERY", "out_for_delivery_001"),
  D: status("DELIVERED", "delivered_001"),
  X: status("EXCEPTION", "exception_005"),
  RS: status("RETURNED", "exception_011"),
};

// Rescheduled beats scheduled; both are local dates.
const EXPECTED_DELIVERY_TYPES = ["RDD", "SDD"];

export function createUpsAdapter(settings: OAuthCourierSettings, now?: () => Date): CourierAdapter {
  const { http, tokens, configured } = oauthCourier("ups", settings, { path: "/security/v1/oauth/token", clientAuth: "basic" }, now);

  async function trackOne(trackingNumber: string, signal: AbortSignal): Promise<CourierTracking> {
    const body = await withBearer(tokens, signal, (authorization) =>
      http.sendOrNotFound<UpsTrackResponse>(
        {
          path: `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
          headers: { authorization, transId: randomUUID(), transactionSrc: "shipment-tracking-gateway" },
        },
        signal,
      ),
    );
    const pkg = body?.trackResponse?.shipment?.[0]?.package?.[0];
    if (!pkg) return notFound(trackingNumber);
    const events = (pkg.activity ?? []).flatMap((activity) => toEvent(activity) ?? []);
    const current = pkg.currentStatus;
    return {
      trackingNumber,
      found: true,
      status: current ? classify(UPS_TYPES, current.type, current.description ?? "") : latestStatus(events),
      expectedDelivery: expectedDelivery(pkg),
      signedBy: pkg.deliveryInformation?.receivedBy || null,
      events,
    };
  }

  return {
    code: "ups",
    name: "UPS",
    verifies: true,
    configured,
    track: (numbers, signal) => Promise.all(numbers.map((n) => trackOne(n, signal))),
  };
}

function toEvent(activity: UpsActivity): CourierEvent | null {
  // gmtDate/gmtTime are UTC; date/time are the local wall clock, which is all older records carry.
  const time = activity.gmtDate
    ? utcTime(joinCompactDateTime(activity.gmtDate, activity.gmtTime))
    : activity.date
      ? carrierTime(joinCompactDateTime(activity.date, activity.time))
      : null;
  if (!time) return null;
  const text = activity.status?.description ?? "";
  const address = activity.location?.address;
  const location = [address?.city, address?.stateProvince, address?.countryCode ?? address?.country].filter(Boolean).join(", ");
  return {
    event: text,
    carrierCode: activity.status?.code,
    ...time,
    location: location || undefined,
    ...classify(UPS_TYPES, activity.status?.type, text),
  };
}

function expectedDelivery(pkg: UpsPackage): Date | null {
  for (const type of EXPECTED_DELIVERY_TYPES) {
    const date = pkg.deliveryDate?.find((d) => d.type === type)?.date;
    if (date) return carrierDate(joinCompactDateTime(date, pkg.deliveryTime?.endTime));
  }
  return null;
}
