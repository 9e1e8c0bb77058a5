/**
 * The one resilience wrapper every adapter runs behind (cockatiel): a per-attempt timeout, bounded
 * retries with exponential backoff for transient failures, a circuit breaker per courier that fails
 * fast while the courier is down, and a gate that honours a courier's `Retry-After` (on 429 and 503).
 * Whatever goes wrong surfaces as a `CourierError`.
 */
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from "cockatiel";
import { CourierError } from "../errors.js";
import { courierBreakerState, courierCalls } from "../metrics.js";
import type { CourierAdapter } from "./adapter.js";

/** Tuning of the wrapper; tests shrink every delay to milliseconds. */
export interface ResilienceOptions {
  /** How long one attempt may take before it is abandoned. */
  timeoutMs: number;
  /** Retries after the first attempt, for timeouts and 5xx only. */
  maxRetries: number;
  /** First backoff delay; it grows exponentially up to `backoffMaxMs`. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Consecutive failed attempts that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before one trial call is let through. */
  breakerHalfOpenMs: number;
}

// Failures that say the courier is down or slow: worth a retry, and they count towards the breaker.
// 4xx (our credentials, our request, its rate limit) would fail the same way again.
const TRANSIENT = new Set(["timeout", "server_error", "unavailable"]);

// instanceof rather than cockatiel's isTaskCancelledError/isBrokenCircuitError: in 3.2.1 those
// guards return false for the errors cockatiel itself throws. A courier that said when to come back
// (503 + Retry-After) is not retried before then: the gate below waits instead.
function isTransient(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  return error instanceof CourierError && TRANSIENT.has(error.upstream.type) && error.retryAfter === undefined;
}

// Isolated (held open by hand) counts as open: the courier is not being called either way.
const BREAKER_GAUGE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.HalfOpen]: 1,
  [CircuitState.Open]: 2,
  [CircuitState.Isolated]: 2,
};

/** Wraps an adapter so every `track` is bounded, retried, broken and rate-limited as configured. */
export function withResilience(adapter: CourierAdapter, options: ResilienceOptions, now: () => Date = () => new Date()): CourierAdapter {
  const code = adapter.code;
  const breaker = circuitBreaker(handleWhen(isTransient), {
    halfOpenAfter: options.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  courierBreakerState.set({ courier: code }, BREAKER_GAUGE[CircuitState.Closed]);
  breaker.onStateChange((state) => courierBreakerState.set({ courier: code }, BREAKER_GAUGE[state]));
  const policy = wrap(
    retry(handleWhen(isTransient), {
      maxAttempts: options.maxRetries,
      backoff: new ExponentialBackoff({ initialDelay: options.backoffInitialMs, maxDelay: options.backoffMaxMs }),
    }),
    breaker,
    // Aggressive: a courier that hangs mid-body is cut off even if it ignores the abort.
    timeout(options.timeoutMs, TimeoutStrategy.Aggressive),
  );
  // Until when, and with which answer, the courier asked us (429/503 + Retry-After) not to call again.
  let waitUntil = 0;
  let waitFor: CourierError["upstream"] = { type: "rate_limited" };

  function asCourierError(error: unknown): CourierError {
    if (error instanceof CourierError) return error;
    if (error instanceof BrokenCircuitError) {
      return new CourierError(code, { type: "circuit_open" }, `${adapter.name} is failing; not calling it for now`);
    }
    if (error instanceof TaskCancelledError) {
      return new CourierError(code, { type: "timeout" }, `${adapter.name} did not answer within ${options.timeoutMs} ms`);
    }
    // A connector that throws anything else misread the courier's answer.
    const reason = error instanceof Error ? error.message : String(error);
    return new CourierError(code, { type: "bad_response" }, `${adapter.name} sent an answer we could not read: ${reason}`);
  }

  async function track(trackingNumbers: string[], signal: AbortSignal) {
    if (!adapter.configured) {
      throw new CourierError(code, { type: "not_configured" }, `${adapter.name} is not configured: its credentials are missing`);
    }
    const waitMs = waitUntil - now().getTime();
    if (waitMs > 0) {
      const retryAfter = Math.ceil(waitMs / 1000);
      throw new CourierError(code, waitFor, `${adapter.name} asked us to wait ${retryAfter} s`, retryAfter);
    }
    try {
      const result = await policy.execute(({ signal: attempt }) => adapter.track(trackingNumbers, attempt), signal);
      courierCalls.inc({ courier: code, outcome: "ok" });
      return result;
    } catch (error) {
      const failure = asCourierError(error);
      courierCalls.inc({ courier: code, outcome: failure.upstream.type });
      if (failure.retryAfter !== undefined && failure.upstream.status !== undefined) {
        waitUntil = now().getTime() + failure.retryAfter * 1000;
        waitFor = failure.upstream;
      }
      throw failure;
    }
  }

  return {
    code,
    name: adapter.name,
    verifies: adapter.verifies,
    configured: adapter.configured,
    track,
  };
}
