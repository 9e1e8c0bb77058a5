/**
 * The HTTP plumbing every connector shares: build the URL, send JSON or a form, parse JSON, and turn
 * anything but success into a `CourierError` with the upstream status and type. A vendor's error body
 * goes to the log, never into the error a client sees: it can carry account ids, internal messages or
 * our own request echoed back. Connectors only describe requests and read bodies.
 */
import { CourierError } from "../errors.js";
import { runtimeOf, type CourierRuntime } from "./adapter.js";

export interface CourierRequest {
  method?: "GET" | "POST";
  /** Path below the adapter's base URL, e.g. `/track/v1/trackingnumbers`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded` (OAuth token requests). */
  form?: Record<string, string>;
}

export interface CourierHttp {
  /** Sends the request and resolves its parsed JSON body; rejects with a `CourierError`. */
  send<T>(request: CourierRequest, signal: AbortSignal): Promise<T>;
  /** Like `send`, but a 404 — the courier's "no such tracking number" — resolves `undefined`. */
  sendOrNotFound<T>(request: CourierRequest, signal: AbortSignal): Promise<T | undefined>;
  /** Like `send`, but a failed response that `expected(status, body)` accepts resolves `undefined`. */
  sendUnless<T>(request: CourierRequest, signal: AbortSignal, expected: (status: number, body: string) => boolean): Promise<T | undefined>;
}

// Enough of a vendor's error body to diagnose it from the log.
const LOGGED_BODY_CHARS = 2_000;

/** An HTTP client bound to one courier's base URL; `now` reads HTTP-date and epoch `Retry-After`s. */
export function courierHttp(courier: string, baseUrl: string, runtime?: CourierRuntime): CourierHttp {
  const { now, logger } = runtimeOf(runtime);
  async function exchange(request: CourierRequest, signal: AbortSignal): Promise<Response> {
    const url = new URL(baseUrl.replace(/\/$/, "") + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers = new Headers({ accept: "application/json", ...request.headers });
    let body: string | undefined;
    if (request.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(request.form).toString();
    }
    try {
      return await fetch(url, { method: request.method ?? "GET", headers, body, signal });
    } catch (error) {
      throw transportFailure(courier, error, signal);
    }
  }

  async function read(response: Response, signal: AbortSignal): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw transportFailure(courier, error, signal);
    }
  }

  function fail(response: Response, body: string): CourierError {
    logger.warn({ courier, status: response.status, body: body.slice(0, LOGGED_BODY_CHARS) }, "courier answered with an error");
    return statusFailure(courier, response, now());
  }

  function json<T>(response: Response, text: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CourierError(
        courier,
        { status: response.status, type: "bad_response" },
        `${courier} answered with a body that is not JSON`,
      );
    }
  }

  async function sendUnless<T>(request: CourierRequest, signal: AbortSignal, expected: (status: number, body: string) => boolean) {
    const response = await exchange(request, signal);
    const text = await read(response, signal);
    if (response.ok) return json<T>(response, text);
    if (expected(response.status, text)) return undefined;
    throw fail(response, text);
  }

  return {
    async send<T>(request: CourierRequest, signal: AbortSignal) {
      return (await sendUnless<T>(request, signal, () => false))!;
    },
    sendOrNotFound: <T>(request: CourierRequest, signal: AbortSignal) => sendUnless<T>(request, signal, (status) => status === 404),
    sendUnless,
  };
}

/** The `upstream.type` for a courier's HTTP status, consistent with `CourierError`'s status mapping. */
export function upstreamType(status: number): string {
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  if (status >= 500) return "server_error";
  return "bad_request";
}

/**
 * Seconds until a rate-limited courier accepts calls again: `Retry-After` as seconds or an HTTP date,
 * else `X-RateLimit-Reset` as an epoch timestamp (seconds) or a number of seconds.
 */
export function retryAfterSeconds(headers: Headers, now: Date): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return secondsUntil(at, now);
  }
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (reset && /^\d+$/.test(reset)) {
    const value = Number(reset);
    // Epoch seconds are ~1.7e9; anything this small is already a delay.
    return value > 1e9 ? secondsUntil(value * 1000, now) : value;
  }
  return undefined;
}

function secondsUntil(epochMs: number, now: Date): number {
  return Math.max(0, Math.ceil((epochMs - now.getTime()) / 1000));
}

// Statuses whose Retry-After (or rate-limit reset) says when the courier takes calls again.
const ASKS_TO_WAIT = new Set([429, 503]);

function statusFailure(courier: string, response: Response, now: Date): CourierError {
  const type = upstreamType(response.status);
  const retryAfter = ASKS_TO_WAIT.has(response.status) ? retryAfterSeconds(response.headers, now) : undefined;
  return new CourierError(courier, { status: response.status, type }, `${courier} answered HTTP ${response.status}`, retryAfter);
}

function transportFailure(courier: string, error: unknown, signal: AbortSignal): CourierError {
  if (error instanceof CourierError) return error;
  if (signal.aborted) return new CourierError(courier, { type: "timeout" }, `${courier} did not answer in time`);
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new CourierError(courier, { type: "unavailable" }, `${courier} could not be reached: ${reason}`);
}
