/**
 * UPS Track API (developer.ups.com; OpenAPI `Tracking.yaml` in github.com/UPS-API/api-documentation):
 * OAuth client credentials at `POST /security/v1/oauth/token` (client_secret_basic), then
 * `GET /api/track/v1/details/{inquiryNumber}` per number with `transId` and `transactionSrc` headers.
 * 404 means UPS has no information for the number. A multi-piece shipment answers with every package.
 */
import { randomUUID } from "node:crypto";
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
import { carrierDate, carrierTime, joinCompactDateTime, utcTime } from "./carrier-time.js";
import { oauthCourier, withBearer, type OAuthCourierSettings } from "./oauth.js";
import { classify, type StatusCodeTable } from "./status-codes.js";

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
  /** The activity's zone as an offset ("-05:00"), beside the local date and time. */
  gmtOffset?: string;
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

/**
 * UPS activity status types (Track API `status.type`) → AfterShip substatus. D is delivery to the
 * recipient; DO/DD are freight handed to a container freight station at origin/destination, where
 * the consignee collects it; MV is a voided manifest, i.e. a cancelled label.
 */
export const UPS_TYPES: StatusCodeTable = {
  M: "info_received_001",
  MV: "pending_004",
  NA: "pending_001",
  P: "in_transit_002",
  I: "in_transit_001",
  W: "in_transit_003",
  DO: "in_transit_003",
  DD: "available_for_pickup_001",
  O: "out_for_delivery_001",
  D: "delivered_001",
  X: "exception_001",
  RS: "exception_011",
};

// Rescheduled beats scheduled; both are local dates.
const EXPECTED_DELIVERY_TYPES = ["RDD", "SDD"];

export function createUpsAdapter(settings: OAuthCourierSettings, runtime?: CourierRuntime): CourierAdapter {
  const { logger } = runtimeOf(runtime);
  const { http, tokens, configured } = oauthCourier("ups", settings, { path: "/security/v1/oauth/token", clientAuth: "basic" }, runtime);

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
    const packages = (body?.trackResponse?.shipment ?? []).flatMap((s) => s.package ?? []);
    if (packages.length === 0) return notFound(trackingNumber);
    let droppedEvents = 0;
    const pieces = packages.map((pkg): CourierPiece => {
      const number = pkg.trackingNumber ?? trackingNumber;
      const { events, dropped } = readActivities("ups", number, pkg.activity, toEvent, logger);
      droppedEvents += dropped;
      const current = pkg.currentStatus;
      return {
        trackingNumber: number,
        status: current ? classify(UPS_TYPES, current.type, current.description ?? "") : null,
        signedBy: pkg.deliveryInformation?.receivedBy || null,
        events,
      };
    });
    pieces.sort((a, b) => Number(b.trackingNumber === trackingNumber) - Number(a.trackingNumber === trackingNumber));
    const lead = packages.find((p) => p.trackingNumber === trackingNumber) ?? packages[0]!;
    return foundTracking(trackingNumber, pieces, expectedDelivery(lead), droppedEvents);
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
  // gmtDate/gmtTime are UTC; date/time are the local wall clock, placed by gmtOffset when UPS sends it.
  const gmt = activity.gmtDate ? utcTime(joinCompactDateTime(activity.gmtDate, activity.gmtTime)) : null;
  const time = gmt ?? (activity.date ? carrierTime(joinCompactDateTime(activity.date, activity.time), activity.gmtOffset) : null);
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

/**
 * UPS gives the delivery date and window end as a local date and time without a zone. The package's
 * latest scan with a `gmtOffset` is the nearest evidence of the destination's zone; without one only
 * the day is stated.
 */
function expectedDelivery(pkg: UpsPackage): Date | null {
  const offset = pkg.activity?.find((a) => a.gmtOffset)?.gmtOffset;
  for (const type of EXPECTED_DELIVERY_TYPES) {
    const date = pkg.deliveryDate?.find((d) => d.type === type)?.date;
    if (date) return carrierDate(joinCompactDateTime(date, pkg.deliveryTime?.endTime), offset);
  }
  return null;
}
