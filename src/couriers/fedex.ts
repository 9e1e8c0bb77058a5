/**
 * FedEx Track API (developer.fedex.com, "Track by Tracking Number"): OAuth client credentials at
 * `POST /oauth/token` (form fields), then one `POST /track/v1/trackingnumbers` for all numbers. FedEx
 * reports an unknown number inside a 200 as `trackResults[].error.code` `TRACKING.TRACKINGNUMBER.NOTFOUND`.
 */
import { notFound, type CourierAdapter, type CourierEvent, type CourierTracking } from "./adapter.js";
import { carrierDate, carrierTime } from "./carrier-time.js";
import { oauthCourier, withBearer, type OAuthCourierSettings } from "./oauth.js";
import { classify, latestStatus, status, type StatusCodeTable } from "./status-codes.js";

interface FedexAddress {
  city?: string;
  stateOrProvinceCode?: string;
  countryCode?: string;
}
interface FedexScanEvent {
  date?: string;
  eventType?: string;
  eventDescription?: string;
  derivedStatusCode?: string;
  derivedStatus?: string;
  scanLocation?: FedexAddress;
}
interface FedexTrackResult {
  error?: { code?: string; message?: string };
  latestStatusDetail?: { code?: string; derivedCode?: string; statusByLocale?: string; description?: string };
  scanEvents?: FedexScanEvent[];
  dateAndTimes?: { type?: string; dateTime?: string }[];
  estimatedDeliveryTimeWindow?: { window?: { ends?: string } };
  deliveryDetails?: { receivedByName?: string; signedByName?: string };
}
interface FedexTrackResponse {
  output?: { completeTrackResults?: { trackingNumber?: string; trackResults?: FedexTrackResult[] }[] };
}

// FedEx's derived status codes (Track API status code list).
const FEDEX_CODES: StatusCodeTable = {
  OC: status("INFO_RECEIVED", "info_received_001"),
  IN: status("INFO_RECEIVED", "info_received_001"),
  PU: status("IN_TRANSIT", "in_transit_002"),
  IT: status("IN_TRANSIT", "in_transit_001"),
  AR: status("IN_TRANSIT", "in_transit_003"),
  AF: status("IN_TRANSIT", "in_transit_003"),
  DP: status("IN_TRANSIT", "in_transit_008"),
  CC: status("IN_TRANSIT", "in_transit_005"),
  OD: status("OUT_FOR_DELIVERY", "out_for_delivery_001"),
  HL: status("AVAILABLE_FOR_PICKUP", "available_for_pickup_001"),
  DE: status("ATTEMPT_FAIL", "attempt_fail_001"),
  DL: status("DELIVERED", "delivered_001"),
  SE: status("EXCEPTION", "exception_005"),
  DY: status("EXCEPTION", "exception_005"),
  CD: status("EXCEPTION", "exception_006"),
  CA: status("EXCEPTION", "exception_005"),
  RS: status("RETURNING", "exception_010"),
};

export function createFedexAdapter(settings: OAuthCourierSettings, now?: () => Date): CourierAdapter {
  const { http, tokens, configured } = oauthCourier("fedex", settings, { path: "/oauth/token", clientAuth: "body" }, now);

  async function track(numbers: string[], signal: AbortSignal): Promise<CourierTracking[]> {
    const body = await withBearer(tokens, signal, (authorization) =>
      http.send<FedexTrackResponse>(
        {
          method: "POST",
          path: "/track/v1/trackingnumbers",
          headers: { authorization },
          json: {
            includeDetailedScans: true,
            trackingInfo: numbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
          },
        },
        signal,
      ),
    );
    const results = body.output?.completeTrackResults ?? [];
    return numbers.map((n) => toTracking(n, results.find((r) => r.trackingNumber === n)?.trackResults?.[0]));
  }

  return {
    code: "fedex",
    name: "FedEx",
    verifies: true,
    configured,
    track,
  };
}

function toTracking(trackingNumber: string, result: FedexTrackResult | undefined): CourierTracking {
  if (!result || result.error?.code) return notFound(trackingNumber);
  const events = (result.scanEvents ?? []).flatMap((scan) => toEvent(scan) ?? []);
  const latest = result.latestStatusDetail;
  const expected =
    result.dateAndTimes?.find((d) => d.type === "ESTIMATED_DELIVERY")?.dateTime ?? result.estimatedDeliveryTimeWindow?.window?.ends;
  return {
    trackingNumber,
    found: true,
    status: latest ? classify(FEDEX_CODES, latest.derivedCode ?? latest.code, latest.description ?? "") : latestStatus(events),
    expectedDelivery: carrierDate(expected),
    signedBy: result.deliveryDetails?.signedByName || result.deliveryDetails?.receivedByName || null,
    events,
  };
}

function toEvent(scan: FedexScanEvent): CourierEvent | null {
  const time = scan.date ? carrierTime(scan.date) : null;
  if (!time) return null;
  const text = scan.eventDescription ?? scan.derivedStatus ?? "";
  const where = scan.scanLocation;
  const location = [where?.city, where?.stateOrProvinceCode, where?.countryCode].filter(Boolean).join(", ");
  return {
    event: text,
    carrierCode: scan.eventType,
    ...time,
    location: location || undefined,
    ...classify(FEDEX_CODES, scan.derivedStatusCode, text),
  };
}
