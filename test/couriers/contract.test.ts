/**
 * One contract for every HTTP courier: against a real local server replaying the vendor's documented
 * responses, each adapter (behind the production resilience wrapper) yields the same normalized shape
 * and maps the same failures to the same `CourierError`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CourierAdapter } from "../../src/couriers/adapter.js";
import { withResilience } from "../../src/couriers/resilience.js";
import { extensionsOf } from "../../src/graphql/mask-error.js";
import { SUBSTATUS } from "../../src/tracking/status.js";
import { courierFailure } from "./courier-failure.js";
import { startVendorServer, type Reply, type VendorServer } from "./vendor-server.js";
import { ACCESS_TOKEN, VENDORS } from "./vendors.js";

type Scenario = "healthy" | "unauthorized" | "rate_limited" | "server_error" | "hang";

// Generous: the machine running the suite may be busy, and only the hang case waits this long.
const TIMEOUT_MS = 1_000;
const signal = () => new AbortController().signal;

describe.each(VENDORS)("$code courier contract", (vendor) => {
  let server: VendorServer;
  let scenario: Scenario;
  let courier: CourierAdapter;

  const failed = (status: number): Reply => ({ status, body: vendor.errorBody(status) });

  beforeAll(async () => {
    server = await startVendorServer((request) => {
      if (request.path === vendor.tokenPath) {
        return {
          status: 200,
          body: { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: "14399", issued_at: "1700000000000", status: "approved" },
        };
      }
      switch (scenario) {
        case "healthy":
          return vendor.answer(request);
        case "unauthorized":
          return failed(401);
        case "rate_limited":
          return { ...failed(429), headers: { "Retry-After": "7" } };
        case "server_error":
          return failed(500);
        case "hang":
          return "hang";
      }
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    scenario = "healthy";
    server.requests.length = 0;
    // A fresh wrapper per test: no breaker or rate-limit state leaks between cases.
    courier = withResilience(vendor.create(server.url), {
      timeoutMs: TIMEOUT_MS,
      maxRetries: 0,
      backoffInitialMs: 1,
      backoffMaxMs: 1,
      breakerThreshold: 100,
      breakerHalfOpenMs: 1_000,
    });
  });

  it("normalizes a tracked number with several events and reports an unknown one as not found", async () => {
    const [known, unknown] = await courier.track([vendor.known, vendor.unknown], signal());

    expect(known).toMatchObject({ trackingNumber: vendor.known, found: true, status: vendor.expected.status, droppedEvents: 0 });
    expect(known!.pieces).toHaveLength(1);
    const [piece] = known!.pieces;
    expect(piece).toMatchObject({ trackingNumber: vendor.known, signedBy: vendor.expected.signedBy });
    expect(known!.expectedDelivery?.toISOString()).toBe(vendor.expected.expectedDelivery);
    expect(
      piece!.events.map((e) => ({
        event: e.event,
        status: e.status,
        substatus: e.substatus,
        eventRecordedAt: e.eventRecordedAt.toISOString(),
        ...(e.localTime === undefined ? {} : { localTime: e.localTime }),
        ...(e.location === undefined ? {} : { location: e.location }),
      })),
    ).toEqual(vendor.expected.events);
    for (const event of piece!.events) expect(Object.keys(SUBSTATUS)).toContain(event.substatus);

    expect(unknown).toEqual({
      trackingNumber: vendor.unknown,
      found: false,
      status: null,
      expectedDelivery: null,
      pieces: [],
      droppedEvents: 0,
    });
  });

  it("keeps a local time without offset verbatim, never with a Z", async () => {
    const [known] = await courier.track([vendor.known], signal());
    for (const event of known!.pieces.flatMap((p) => p.events).filter((e) => e.localTime !== undefined)) {
      expect(event.localTime).not.toMatch(/Z$/);
      expect(event.eventRecordedAt.toISOString()).toBe(`${event.localTime}.000Z`);
    }
  });

  it("sends its credential on every tracking call", async () => {
    await courier.track([vendor.known], signal());
    const tracking = server.requests.filter(vendor.isTrackingRequest);
    expect(tracking.length).toBeGreaterThan(0);
    for (const request of tracking) expect(vendor.credentialOf(request)).toBe(vendor.expectedCredential);
  });

  it("maps the courier's 401 to an unauthorized courier error, never the caller's UNAUTHENTICATED", async () => {
    scenario = "unauthorized";
    const error = await courierFailure(courier.track([vendor.known], signal()));
    expect(error.upstream).toEqual({ status: 401, type: "unauthorized" });
    expect(error.courier).toBe(vendor.code);
    expect(extensionsOf(error)).toMatchObject({ code: "COURIER_ERROR", type: "courier_error", http: { status: 502 } });
  });

  it("maps 429 to rate_limited and surfaces Retry-After", async () => {
    scenario = "rate_limited";
    const error = await courierFailure(courier.track([vendor.known], signal()));
    expect(error.upstream).toEqual({ status: 429, type: "rate_limited" });
    expect(error.retryAfter).toBe(7);
    expect(extensionsOf(error)).toMatchObject({ retryAfter: 7, http: { status: 503, headers: { "Retry-After": "7" } } });
  });

  it("maps 500 to server_error", async () => {
    scenario = "server_error";
    const error = await courierFailure(courier.track([vendor.known], signal()));
    expect(error.upstream).toEqual({ status: 500, type: "server_error" });
    expect(extensionsOf(error)).toMatchObject({ http: { status: 502 } });
  });

  it("gives up on a hanging courier within the timeout", async () => {
    scenario = "hang";
    const started = Date.now();
    const error = await courierFailure(courier.track([vendor.known], signal()));
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    expect(error.upstream).toEqual({ type: "timeout" });
    expect(extensionsOf(error)).toMatchObject({ http: { status: 504 } });
  });
});

describe.each(VENDORS.filter((v) => v.tokenPath !== undefined))("$code OAuth token", (vendor) => {
  it("is fetched once and reused across tracks", async () => {
    const server = await startVendorServer((request) =>
      request.path === vendor.tokenPath ? { status: 200, body: { access_token: ACCESS_TOKEN, expires_in: 3599 } } : vendor.answer(request),
    );
    try {
      const courier = vendor.create(server.url);
      await courier.track([vendor.known], signal());
      await courier.track([vendor.known], signal());
      expect(server.requests.filter((r) => r.path === vendor.tokenPath)).toHaveLength(1);
      expect(server.requests.filter(vendor.isTrackingRequest)).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it("is fetched again once it has expired", async () => {
    let now = new Date("2024-01-01T00:00:00Z");
    const server = await startVendorServer((request) =>
      request.path === vendor.tokenPath ? { status: 200, body: { access_token: ACCESS_TOKEN, expires_in: 3599 } } : vendor.answer(request),
    );
    try {
      const courier = vendor.create(server.url, { now: () => now });
      await courier.track([vendor.known], signal());
      now = new Date(now.getTime() + 3_600_000);
      await courier.track([vendor.known], signal());
      expect(server.requests.filter((r) => r.path === vendor.tokenPath)).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
