/**
 * AfterShip Tracking API, version 2025-04 (aftership.com/docs/tracking; the version the official
 * `@aftership/tracking-sdk` calls), with the `as-api-key` header. AfterShip only tracks numbers it
 * was told about, so a sync is create-then-get: numbers missing from
 * `GET /trackings?tracking_numbers=a,b` are created with `POST /trackings` (an existing one answers
 * 4003, which is fine: creating is idempotent) and read again. Its tags and subtags are our canonical
 * statuses already; subtags are lower-cased.
 */
import { bySubstatus, isSubstatus, type NormalizedStatus } from "../tracking/status.js";
import {
  batches,
  foundTracking,
  notFound,
  readActivities,
  runtimeOf,
  type CourierAdapter,
  type CourierEvent,
  type CourierLogger,
  type CourierRuntime,
  type CourierTracking,
} from "./adapter.js";
import { carrierDate, carrierTime } from "./carrier-time.js";
import { courierHttp } from "./http.js";
import { classify, type StatusCodeTable } from "./status-codes.js";

export const AFTERSHIP_API_VERSION = "2025-04";
/** Numbers per `GET /trackings` filter, within the endpoint's page size. */
export const AFTERSHIP_BATCH_SIZE = 50;
// AfterShip's meta code for "Tracking already exists." (HTTP 400).
const ALREADY_EXISTS = 4003;

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
  slug?: string;
  tag?: string;
  subtag?: string;
  signed_by?: string | null;
  courier_estimated_delivery_date?: { estimated_delivery_date?: string | null } | null;
  checkpoints?: AftershipCheckpoint[];
}
interface AftershipResponse {
  data?: { trackings?: AftershipTracking[] };
}

/** AfterShip tags → the tag's generic substatus, for subtags we do not know (newer API versions). */
export const AFTERSHIP_TAGS: StatusCodeTable = {
  Pending: "pending_001",
  InfoReceived: "info_received_001",
  InTransit: "in_transit_001",
  OutForDelivery: "out_for_delivery_001",
  AvailableForPickup: "available_for_pickup_001",
  AttemptFail: "attempt_fail_001",
  Delivered: "delivered_001",
  Exception: "exception_001",
  Expired: "expired_001",
};

export function createAftershipAdapter(settings: AftershipSettings, runtime?: CourierRuntime): CourierAdapter {
  const { logger } = runtimeOf(runtime);
  const http = courierHttp("aftership", settings.baseUrl, runtime);
  const headers = { "as-api-key": settings.apiKey ?? "" };
  const path = `/tracking/${AFTERSHIP_API_VERSION}/trackings`;

  async function list(numbers: string[], signal: AbortSignal): Promise<AftershipTracking[]> {
    const body = await http.send<AftershipResponse>({ path, query: { tracking_numbers: numbers.join(",") }, headers }, signal);
    return body.data?.trackings ?? [];
  }

  async function create(trackingNumber: string, signal: AbortSignal): Promise<void> {
    await http.sendUnless(
      { method: "POST", path, headers, json: { tracking_number: trackingNumber } },
      signal,
      (status, body) => status === 400 && metaCode(body) === ALREADY_EXISTS,
    );
  }

  async function trackBatch(numbers: string[], signal: AbortSignal): Promise<CourierTracking[]> {
    let trackings = await list(numbers, signal);
    const missing = numbers.filter((n) => !trackings.some((t) => t.tracking_number === n));
    if (missing.length) {
      await Promise.all(missing.map((n) => create(n, signal)));
      trackings = [...trackings, ...(await list(missing, signal))];
    }
    return numbers.map((n) =>
      toTracking(
        n,
        trackings.filter((t) => t.tracking_number === n),
        logger,
      ),
    );
  }

  return {
    code: "aftership",
    name: "AfterShip",
    // AfterShip relays whichever carrier it detected; it does not itself vouch for the number.
    verifies: false,
    configured: Boolean(settings.apiKey),
    track: async (numbers, signal) =>
      (await Promise.all(batches(numbers, AFTERSHIP_BATCH_SIZE).map((batch) => trackBatch(batch, signal)))).flat(),
  };
}

function metaCode(body: string): number | undefined {
  try {
    return (JSON.parse(body) as { meta?: { code?: number } }).meta?.code;
  } catch {
    return undefined;
  }
}

/** Every tracking AfterShip has for the number (one per carrier slug) feeds the same carton. */
function toTracking(trackingNumber: string, trackings: AftershipTracking[], logger: CourierLogger): CourierTracking {
  if (trackings.length === 0) return notFound(trackingNumber);
  let droppedEvents = 0;
  const pieces = trackings.map((tracking) => {
    const { events, dropped } = readActivities(
      `aftership/${tracking.slug ?? "unknown"}`,
      trackingNumber,
      tracking.checkpoints,
      toEvent,
      logger,
    );
    droppedEvents += dropped;
    return {
      trackingNumber,
      status: tracking.tag ? statusOf(tracking.tag, tracking.subtag, "") : null,
      signedBy: tracking.signed_by || null,
      events,
    };
  });
  const expected = trackings.map((t) => t.courier_estimated_delivery_date?.estimated_delivery_date).find(Boolean);
  return foundTracking(trackingNumber, pieces, carrierDate(expected), droppedEvents);
}

function statusOf(tag: string, subtag: string | undefined, text: string): NormalizedStatus {
  // AfterShip's subtags are CamelCase tag + number ("InTransit_003"); ours are snake case.
  const code = subtag && snakeCase(subtag);
  if (code && isSubstatus(code) && code.startsWith(`${snakeCase(tag)}_`)) return bySubstatus(code);
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
