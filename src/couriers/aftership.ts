/**
 * AfterShip Tracking API, version 2025-04 (aftership.com/docs/tracking; the version the official
 * `@aftership/tracking-sdk` calls): `GET /tracking/2025-04/trackings?tracking_numbers=a,b` with the
 * `as-api-key` header. Numbers AfterShip does not track are simply absent from `data.trackings`.
 * Its tags and subtags are our canonical statuses already (DESIGN §6); subtags are lower-cased.
 */
import { SUBSTATUS, type NormalizedStatus, type TrackingStatus } from "../tracking/status.js";
import { notFound, type CourierAdapter, type CourierEvent, type CourierTracking } from "./adapter.js";
import { carrierDate, carrierTime } from "./carrier-time.js";
import { courierHttp } from "./http.js";
import { classify, status, type StatusCodeTable } from "./status-codes.js";

export const AFTERSHIP_API_VERSION = "2025-04";

export interface AftershipSettings {
  baseUrl: string;
  apiKey?: string;
}

interface AftershipCheckpoint {
  checkpoint_time?: string;
  message?: string;
  tag?: string;
  subtag?: string;
  location?: string | null;
  city?: string | null;
  state?: string | null;
  country_region?: string | null;
}
interface AftershipTracking {
  tracking_number?: string;
  tag?: string;
  subtag?: string;
  signed_by?: string | null;
  courier_estimated_delivery_date?: { estimated_delivery_date?: string | null } | null;
  checkpoints?: AftershipCheckpoint[];
}
interface AftershipResponse {
  data?: { trackings?: AftershipTracking[] };
}

// AfterShip tags → our status, with the tag's generic substatus for subtags we do not carry.
const AFTERSHIP_TAGS: StatusCodeTable = {
  Pending: status("PENDING", "pending_001"),
  InfoReceived: status("INFO_RECEIVED", "info_received_001"),
  InTransit: status("IN_TRANSIT", "in_transit_001"),
  OutForDelivery: status("OUT_FOR_DELIVERY", "out_for_delivery_001"),
  AvailableForPickup: status("AVAILABLE_FOR_PICKUP", "available_for_pickup_001"),
  AttemptFail: status("ATTEMPT_FAIL", "attempt_fail_001"),
  Delivered: status("DELIVERED", "delivered_001"),
  Exception: status("EXCEPTION", "exception_005"),
  Expired: status("EXPIRED", "expired_001"),
};

// AfterShip files returns under Exception; we track them as their own lifecycle (DESIGN §6).
const RETURN_SUBTAGS: Record<string, TrackingStatus> = { exception_010: "RETURNING", exception_011: "RETURNED" };

export function createAftershipAdapter(settings: AftershipSettings, now?: () => Date): CourierAdapter {
  const http = courierHttp("aftership", settings.baseUrl, now);

  async function track(numbers: string[], signal: AbortSignal): Promise<CourierTracking[]> {
    const body = await http.send<AftershipResponse>(
      {
        path: `/tracking/${AFTERSHIP_API_VERSION}/trackings`,
        query: { tracking_numbers: numbers.join(",") },
        headers: { "as-api-key": settings.apiKey ?? "" },
      },
      signal,
    );
    const trackings = body.data?.trackings ?? [];
    return numbers.map((n) => {
      const tracking = trackings.find((t) => t.tracking_number === n);
      return tracking ? toTracking(n, tracking) : notFound(n);
    });
  }

  return {
    code: "aftership",
    name: "AfterShip",
    // AfterShip relays whichever carrier it detected; it does not itself vouch for the number.
    verifies: false,
    configured: Boolean(settings.apiKey),
    track,
  };
}

function toTracking(trackingNumber: string, tracking: AftershipTracking): CourierTracking {
  return {
    trackingNumber,
    found: true,
    status: tracking.tag ? statusOf(tracking.tag, tracking.subtag, "") : null,
    expectedDelivery: carrierDate(tracking.courier_estimated_delivery_date?.estimated_delivery_date),
    signedBy: tracking.signed_by || null,
    events: (tracking.checkpoints ?? []).flatMap((c) => toEvent(c) ?? []),
  };
}

function statusOf(tag: string, subtag: string | undefined, text: string): NormalizedStatus {
  // AfterShip's subtags are CamelCase tag + number ("InTransit_003"); ours are snake case.
  const code = subtag && snakeCase(subtag);
  if (code && code in RETURN_SUBTAGS) return { status: RETURN_SUBTAGS[code]!, substatus: code };
  const byTag = AFTERSHIP_TAGS[tag];
  if (byTag && code && code in SUBSTATUS && code.startsWith(`${snakeCase(tag)}_`)) return { status: byTag.status, substatus: code };
  return classify(AFTERSHIP_TAGS, tag, text);
}

function snakeCase(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

function toEvent(checkpoint: AftershipCheckpoint): CourierEvent | null {
  // checkpoint_time is in the checkpoint's time zone, with or without an offset.
  const time = checkpoint.checkpoint_time ? carrierTime(checkpoint.checkpoint_time) : null;
  if (!time) return null;
  const text = checkpoint.message ?? "";
  const location = checkpoint.location || [checkpoint.city, checkpoint.state, checkpoint.country_region].filter(Boolean).join(", ");
  return {
    event: text,
    carrierCode: checkpoint.subtag ?? checkpoint.tag,
    ...time,
    location: location || undefined,
    ...statusOf(checkpoint.tag ?? "", checkpoint.subtag, text),
  };
}
