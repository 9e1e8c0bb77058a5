/**
 * Every error a client may see (the README's "Errors" table). Each carries the REST `type` of the
 * seed APIs, the GraphQL `code` and the HTTP status, so GraphQL and REST answer the same situation
 * the same way. They are plain errors: the domain knows no GraphQL, and each edge words them once
 * (mask-error.ts for GraphQL, rest/errors.ts for REST). Anything that is not an `ApiError` is masked
 * as "Unexpected error.".
 */

export type RestErrorType =
  | "authentication_error"
  | "forbidden_error"
  | "not_found_error"
  | "validation_error"
  | "rate_limit_error"
  | "conflict_error"
  | "courier_error"
  | "service_unavailable";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "RATE_LIMITED"
  | "CONFLICT"
  | "COURIER_ERROR"
  | "SERVICE_UNAVAILABLE";

export interface ValidationDetail {
  path: string;
  message: string;
}

export abstract class ApiError extends Error {
  constructor(
    message: string,
    readonly type: RestErrorType,
    readonly code: ErrorCode,
    readonly status: number,
    /** What the client is told besides the message (details, retryAfter, courier, …), in this order. */
    readonly fields: Record<string, unknown> = {},
    /** Response headers the error needs (WWW-Authenticate, Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class AuthenticationError extends ApiError {
  constructor(message = "Invalid merchant credentials") {
    super(
      message,
      "authentication_error",
      "UNAUTHENTICATED",
      401,
      {},
      {
        "WWW-Authenticate": 'Basic realm="shipments", Bearer realm="shipments"',
      },
    );
  }
}

export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super(message, "forbidden_error", "FORBIDDEN", 403);
  }
}

export class NotFoundError extends ApiError {
  constructor(entity = "Shipment") {
    super(`${entity} not found`, "not_found_error", "NOT_FOUND", 404);
  }
}

export class ValidationError extends ApiError {
  constructor(
    readonly details: ValidationDetail[],
    message = summarize(details),
  ) {
    super(message, "validation_error", "BAD_USER_INPUT", 400, { details });
  }
}

function summarize(details: ValidationDetail[]) {
  return `Invalid input: ${details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join("; ")}`;
}

export class RateLimitError extends ApiError {
  constructor(
    readonly retryAfter: number,
    message = "Too many requests",
  ) {
    super(message, "rate_limit_error", "RATE_LIMITED", 429, { retryAfter }, { "Retry-After": String(retryAfter) });
  }
}

export class ConflictError extends ApiError {
  constructor(readonly currentVersion: number) {
    super(`Shipment was changed concurrently; its current version is ${currentVersion}`, "conflict_error", "CONFLICT", 409, {
      currentVersion,
    });
  }
}

/** What a courier answered (or did not), told to the client as `upstream`. */
export interface UpstreamFailure {
  /** The courier's HTTP status; absent when it never answered (timeout, connection refused). */
  status?: number;
  /** What went wrong upstream: `timeout`, `unavailable`, `rate_limited`, `unauthorized`, `circuit_open`, … */
  type: string;
}

const COURIER_STATUS: Record<string, number> = { timeout: 504, rate_limited: 503, unavailable: 503, circuit_open: 503 };

/**
 * A courier failed us. Its 401 is our configuration problem, so it is a 502 here, never the caller's
 * UNAUTHENTICATED; a timeout is 504; a courier that is down, rate-limits us or trips the breaker is 503.
 */
export class CourierError extends ApiError {
  constructor(
    readonly courier: string,
    readonly upstream: UpstreamFailure,
    message: string,
    readonly retryAfter?: number,
  ) {
    const retry = retryAfter === undefined ? {} : { retryAfter };
    super(
      message,
      "courier_error",
      "COURIER_ERROR",
      COURIER_STATUS[upstream.type] ?? 502,
      { courier, upstream, ...retry },
      retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) },
    );
  }
}

/** An `Idempotency-Key` sent again with a different request: a client bug, never replayed. */
export class IdempotencyKeyReusedError extends ApiError {
  constructor() {
    super("This Idempotency-Key was used for a different request", "validation_error", "BAD_USER_INPUT", 422, {
      details: [{ path: "Idempotency-Key", message: "was used for a different request" }],
    });
  }
}

/** The first request with this `Idempotency-Key` is still running; retry shortly for its response. */
export class IdempotencyInProgressError extends ApiError {
  constructor() {
    super(
      "A request with this Idempotency-Key is in progress",
      "conflict_error",
      "CONFLICT",
      409,
      { retryAfter: 1 },
      { "Retry-After": "1" },
    );
  }
}
/**
 * One of our own dependencies (PostgreSQL, Redis) is out of reach. Nothing was written; the same
 * request is worth retrying once it returns, which the gateway notices by itself.
 */
export class ServiceUnavailableError extends ApiError {
  constructor(readonly retryAfter = 2) {
    super(
      "The service is temporarily unavailable; retry shortly",
      "service_unavailable",
      "SERVICE_UNAVAILABLE",
      503,
      { retryAfter },
      {
        "Retry-After": String(retryAfter),
      },
    );
  }
}
