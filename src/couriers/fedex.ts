/**
 * FedEx Track API (developer.fedex.com, "Track by Tracking Number"): OAuth client credentials at
 * `POST /oauth/token` (form fields), then `POST /track/v1/trackingnumbers` with up to 30 numbers per
 * request, as FedEx documents. FedEx reports an unknown number inside a 200 as
 * `trackResults[].error.code` `TRACKING.TRACKINGNUMBER.NOTFOUND`; a number with several packages
 * answers with a track result per package.
 */
import {
  batches,
  foundTracking,
  notFound,
  readActivities,
  runtimeOf,
  type CourierAdapter,
  type CourierEvent,
  type CourierLogger,
  type CourierPiece,
  type CourierRuntime,
  type CourierTracking,
} from "./adapter.js";
import { carrierDate, carrierTime } from "./carrier-time.js";
import { oauthCourier, withBearer, type OAuthCourierSettings } from "./oauth.js";
import { classify, type StatusCodeTable } from "./status-codes.js";

/** FedEx accepts at most this many tracking numbers in one request. */
export const FEDEX_BATCH_SIZE = 30;

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
  trackingNumberInfo?: { trackingNumber?: string };
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

/** FedEx's status and scan codes (Track API "status codes") → AfterShip substatus. */
export const FEDEX_CODES: StatusCodeTable = {
  OC: "info_received_001", // order created: shipment information sent to FedEx
  IN: "info_received_001", // initiated
  AP: "info_received_001", // at pickup
  EP: "info_received_001", // enroute to pickup
  DS: "info_received_001", // vehicle dispatched for pickup
  CA: "pending_004", // shipment cancelled
  PU: "in_transit_002", // picked up
  PX: "in_transit_002", // picked up (see details)
  IT: "in_transit_001", // in transit
  IX: "in_transit_001", // in transit (see details)
  EA: "in_transit_001", // enroute to airport
  EO: "in_transit_001", // enroute to origin airport
  PF: "in_transit_001", // plane in flight
  PL: "in_transit_001", // plane landed
  PM: "in_transit_001", // in progress
  SP: "in_transit_001", // split status
  TR: "in_transit_001", // transfer
  OX: "in_transit_001", // shipment information sent to USPS
  AA: "in_transit_003", // at airport
  AC: "in_transit_003", // at Canada Post facility
  AD: "in_transit_003", // at delivery
  AF: "in_transit_003", // at local FedEx facility
  AR: "in_transit_003", // arrived at
  AX: "in_transit_003", // at USPS facility
  FD: "in_transit_003", // at FedEx destination
  OF: "in_transit_003", // at FedEx origin facility
  SF: "in_transit_003", // at sort facility
  DP: "in_transit_007", // departed
  LO: "in_transit_007", // left origin
  CP: "in_transit_006", // clearance in progress
  CC: "in_transit_005", // cleared customs
  CH: "in_transit_009", // location changed
  OD: "out_for_delivery_001", // out for delivery
  ED: "out_for_delivery_001", // enroute to delivery
  HL: "available_for_pickup_001", // hold at location
  HP: "available_for_pickup_001", // ready for recipient pickup
  DE: "attempt_fail_001", // delivery exception
  DL: "delivered_001", // delivered
  CD: "exception_004", // clearance delay
  DY: "exception_005", // delay
  DD: "exception_005", // delivery delay
  PD: "exception_005", // pickup delay
  SE: "exception_001", // shipment exception
  RS: "exception_010", // return to shipper
};

export function createFedexAdapter(settings: OAuthCourierSettings, runtime?: CourierRuntime): CourierAdapter {
  const { logger } = runtimeOf(runtime);
  const { http, tokens, configured } = oauthCourier("fedex", settings, { path: "/oauth/token", clientAuth: "body" }, runtime);

  async function trackBatch(numbers: string[], signal: AbortSignal): Promise<CourierTracking[]> {
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
    return numbers.map((n) => toTracking(n, results.find((r) => r.trackingNumber === n)?.trackResults ?? [], logger));
  }

  return {
    code: "fedex",
    name: "FedEx",
    verifies: true,
    configured,
    track: async (numbers, signal) =>
      (await Promise.all(batches(numbers, FEDEX_BATCH_SIZE).map((batch) => trackBatch(batch, signal)))).flat(),
  };
}

function toTracking(trackingNumber: string, results: FedexTrackResult[], logger: CourierLogger): CourierTracking {
  const found = results.filter((r) => !r.error?.code);
  if (found.length === 0) return notFound(trackingNumber);
  let droppedEvents = 0;
  const pieces = found.map((result): CourierPiece => {
    const number = result.trackingNumberInfo?.trackingNumber || trackingNumber;
    const { events, dropped } = readActivities("fedex", number, result.scanEvents, toEvent, logger);
    droppedEvents += dropped;
    const latest = result.latestStatusDetail;
    return {
      trackingNumber: number,
      status: latest ? classify(FEDEX_CODES, latest.derivedCode ?? latest.code, latest.description ?? "") : null,
      signedBy: result.deliveryDetails?.signedByName || result.deliveryDetails?.receivedByName || null,
      events,
    };
  });
  const expected = found
    .map((r) => r.dateAndTimes?.find((d) => d.type === "ESTIMATED_DELIVERY")?.dateTime ?? r.estimatedDeliveryTimeWindow?.window?.ends)
    .find(Boolean);
  return foundTracking(trackingNumber, pieces, carrierDate(expected), droppedEvents);
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
    ...classify(FEDEX_CODES, scan.derivedStatusCode ?? scan.eventType, text),
  };
}
