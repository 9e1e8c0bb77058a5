/**
 * Faults, over real sockets: hangs time out, transient failures are retried with backoff, 4xx is
 * not, the breaker opens and then fails fast without touching the courier, and a 429's wait is honoured.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDhlAdapter } from "../../src/couriers/dhl.js";
import { retryAfterSeconds } from "../../src/couriers/http.js";
import { withResilience, type ResilienceOptions } from "../../src/couriers/resilience.js";
import { courierFailure } from "./courier-failure.js";
import { startVendorServer, type Handler, type VendorServer } from "./vendor-server.js";

const FAST: ResilienceOptions = {
  // Generous: a loaded CI machine must not turn a prompt answer into a timeout. Tests of hangs set their own.
  timeoutMs: 2_000,
  maxRetries: 0,
  backoffInitialMs: 1,
  backoffMaxMs: 5,
  breakerThreshold: 100,
  breakerHalfOpenMs: 60_000,
};
const NUMBER = "00340434292135100186";
const DELIVERED = {
  shipments: [{ id: NUMBER, status: { timestamp: "2023-10-26T12:08:00Z", statusCode: "delivered", description: "Delivered" }, events: [] }],
};

let server: VendorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function dhlBehind(handler: Handler, options: Partial<ResilienceOptions> = {}, now?: () => Date) {
  server = await startVendorServer(handler);
  return withResilience(createDhlAdapter({ baseUrl: server.url, apiKey: "key" }), { ...FAST, ...options }, now);
}

const track = (courier: { track: (n: string[], s: AbortSignal) => Promise<unknown> }) =>
  courier.track([NUMBER], new AbortController().signal);

describe("courier resilience", () => {
  it("turns a hang into a timeout CourierError within the timeout", async () => {
    const courier = await dhlBehind(() => "hang", { timeoutMs: 80 });
    const started = Date.now();
    const error = await courierFailure(track(courier));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ courier: "dhl", upstream: { type: "timeout" }, status: 504 });
  });

  it("retries 5xx with backoff until the courier recovers", async () => {
    let calls = 0;
    const courier = await dhlBehind(
      () => (++calls < 3 ? { status: 503, body: { title: "Service Unavailable" } } : { status: 200, body: DELIVERED }),
      {
        maxRetries: 3,
      },
    );
    const [result] = (await track(courier)) as { found: boolean }[];
    expect(result?.found).toBe(true);
    expect(calls).toBe(3);
  });

  it("retries a timed-out attempt", async () => {
    let calls = 0;
    const courier = await dhlBehind(() => (++calls === 1 ? "hang" : { status: 200, body: DELIVERED }), { maxRetries: 1, timeoutMs: 1_500 });
    await track(courier);
    expect(calls).toBe(2);
  });

  it("does not retry 4xx", async () => {
    const courier = await dhlBehind(() => ({ status: 400, body: { title: "Bad Request" } }), { maxRetries: 3 });
    const error = await courierFailure(track(courier));
    expect(error.upstream).toEqual({ status: 400, type: "bad_request" });
    expect(server!.requests).toHaveLength(1);
  });

  it("opens the breaker after repeated failures, then fails fast without calling the courier", async () => {
    const courier = await dhlBehind(() => ({ status: 500, body: { title: "Internal Server Error" } }), { breakerThreshold: 3 });
    for (let i = 0; i < 3; i++) expect((await courierFailure(track(courier))).upstream.type).toBe("server_error");
    expect(server!.requests).toHaveLength(3);

    const error = await courierFailure(track(courier));
    expect(error).toMatchObject({ courier: "dhl", upstream: { type: "circuit_open" }, status: 503 });
    expect(server!.requests).toHaveLength(3);
  });

  it("lets a trial call through once the breaker is half open, and closes on success", async () => {
    let healthy = false;
    const courier = await dhlBehind(() => (healthy ? { status: 200, body: DELIVERED } : { status: 500 }), {
      breakerThreshold: 1,
      breakerHalfOpenMs: 50,
    });
    await courierFailure(track(courier));
    expect((await courierFailure(track(courier))).upstream.type).toBe("circuit_open");
    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, 80));
    await expect(track(courier)).resolves.toHaveLength(1);
  });

  it("surfaces a 429's Retry-After and honours it without calling the courier again", async () => {
    let now = new Date("2024-01-01T00:00:00Z");
    const courier = await dhlBehind(
      () => ({ status: 429, headers: { "Retry-After": "30" }, body: { title: "Too many requests" } }),
      { maxRetries: 3 },
      () => now,
    );
    const first = await courierFailure(track(courier));
    expect(first).toMatchObject({ upstream: { status: 429, type: "rate_limited" }, retryAfter: 30, status: 503 });
    expect(server!.requests).toHaveLength(1);

    now = new Date(now.getTime() + 20_000);
    const second = await courierFailure(track(courier));
    expect(second).toMatchObject({ upstream: { type: "rate_limited" }, retryAfter: 10 });
    expect(server!.requests).toHaveLength(1);

    now = new Date(now.getTime() + 10_000);
    await courierFailure(track(courier));
    expect(server!.requests).toHaveLength(2);
  });

  it("does not count a 401 towards the breaker", async () => {
    const courier = await dhlBehind(() => ({ status: 401, body: { title: "Unauthorized" } }), { breakerThreshold: 1 });
    await courierFailure(track(courier));
    expect((await courierFailure(track(courier))).upstream.type).toBe("unauthorized");
    expect(server!.requests).toHaveLength(2);
  });

  it("reports a courier without credentials as not configured without calling it", async () => {
    server = await startVendorServer(() => ({ status: 200, body: DELIVERED }));
    const courier = withResilience(createDhlAdapter({ baseUrl: server.url }), FAST);
    expect(courier.configured).toBe(false);
    const error = await courierFailure(track(courier));
    expect(error).toMatchObject({ courier: "dhl", upstream: { type: "not_configured" }, status: 502 });
    expect(server.requests).toHaveLength(0);
  });

  it("reports an unreachable courier as unavailable", async () => {
    const closed = await startVendorServer(() => "hang");
    await closed.close();
    const courier = withResilience(createDhlAdapter({ baseUrl: closed.url, apiKey: "key" }), FAST);
    const error = await courierFailure(track(courier));
    expect(error).toMatchObject({ upstream: { type: "unavailable" }, status: 503 });
  });
});

describe("retryAfterSeconds", () => {
  const now = new Date("2024-01-01T00:00:00Z");
  it.each([
    [{ "Retry-After": "120" }, 120],
    [{ "Retry-After": "Mon, 01 Jan 2024 00:01:30 GMT" }, 90],
    [{ "X-RateLimit-Reset": String(now.getTime() / 1000 + 45) }, 45],
    [{ "X-RateLimit-Reset": "15" }, 15],
    [{ "Retry-After": "Mon, 01 Jan 2023 00:00:00 GMT" }, 0],
    [{}, undefined],
  ])("reads %o as %s seconds", (headers, seconds) => {
    expect(retryAfterSeconds(new Headers(headers), now)).toBe(seconds);
  });
});
