/**
 * The cases each vendor documents beyond one package with a few scans, against local servers speaking
 * the vendor's wire format: multi-piece answers, offsets beside local times, unreadable activities,
 * batching limits, 503 + Retry-After, 429 with only a rate-limit reset, vendor bodies kept out of
 * client errors, and AfterShip's create-then-get.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CourierAdapter, CourierLogger } from "../../src/couriers/adapter.js";
import { AFTERSHIP_API_VERSION, createAftershipAdapter } from "../../src/couriers/aftership.js";
import { createDhlAdapter } from "../../src/couriers/dhl.js";
import { createFedexAdapter, FEDEX_BATCH_SIZE } from "../../src/couriers/fedex.js";
import { withResilience } from "../../src/couriers/resilience.js";
import { extensionsOf } from "../../src/graphql/mask-error.js";
import { createUpsAdapter } from "../../src/couriers/ups.js";
import { createUspsAdapter } from "../../src/couriers/usps.js";
import { courierFailure } from "./courier-failure.js";
import { startVendorServer, type Handler, type VendorServer } from "./vendor-server.js";

const signal = () => new AbortController().signal;
const oauth = { clientId: "id", clientSecret: "secret" };
const TOKEN_PATHS = new Set(["/security/v1/oauth/token", "/oauth/token", "/oauth2/v3/token"]);

let server: VendorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A vendor that hands out tokens and answers tracking calls with `handler`. */
async function vendor(handler: Handler): Promise<VendorServer> {
  server = await startVendorServer((request) =>
    TOKEN_PATHS.has(request.path) ? { status: 200, body: { access_token: "t", expires_in: 3599 } } : handler(request),
  );
  return server;
}

/** A logger that keeps what it was told, so a test can see what reached the log. */
function recordingLogger(): CourierLogger & { records: { details: Record<string, unknown>; message: string }[] } {
  const records: { details: Record<string, unknown>; message: string }[] = [];
  return { records, warn: (details, message) => records.push({ details: details as Record<string, unknown>, message }) };
}

const resilient = (adapter: CourierAdapter, now?: () => Date) =>
  withResilience(
    adapter,
    { timeoutMs: 2_000, maxRetries: 2, backoffInitialMs: 1, backoffMaxMs: 1, breakerThreshold: 100, breakerHalfOpenMs: 1_000 },
    now,
  );

const upsActivity = (fields: Record<string, string>, type: string, description: string) => ({
  location: { address: { city: "Chicago", stateProvince: "IL", countryCode: "US" } },
  status: { type, code: "XX", description },
  ...fields,
});

describe("UPS", () => {
  const LEAD = "1Z5R89390357567127";
  const CHILD = "1Z5R89390357567136";

  it("turns every package of a multi-piece shipment into its own piece, with its events and signature", async () => {
    await vendor(() => ({
      status: 200,
      body: {
        trackResponse: {
          shipment: [
            {
              package: [
                {
                  trackingNumber: CHILD,
                  currentStatus: { type: "I", description: "On the Way" },
                  activity: [upsActivity({ gmtDate: "20240116", gmtTime: "120000" }, "I", "Departed from Facility")],
                },
                {
                  trackingNumber: LEAD,
                  currentStatus: { type: "D", description: "Delivered" },
                  deliveryInformation: { receivedBy: "SMITH" },
                  activity: [upsActivity({ gmtDate: "20240117", gmtTime: "193000" }, "D", "Delivered")],
                },
              ],
            },
          ],
        },
      },
    }));
    const [tracking] = await createUpsAdapter({ baseUrl: server!.url, ...oauth }).track([LEAD], signal());
    expect(tracking!.pieces.map((p) => [p.trackingNumber, p.signedBy, p.events.map((e) => e.event)])).toEqual([
      [LEAD, "SMITH", ["Delivered"]],
      [CHILD, null, ["Departed from Facility"]],
    ]);
    // One package still on its way: the shipment is not delivered.
    expect(tracking!.status).toEqual({ status: "IN_TRANSIT", substatus: "in_transit_001" });
  });

  it("places local times by gmtOffset, falls back from an unreadable gmtDate, and logs and counts an activity without a time", async () => {
    await vendor(() => ({
      status: 200,
      body: {
        trackResponse: {
          shipment: [
            {
              package: [
                {
                  trackingNumber: LEAD,
                  activity: [
                    upsActivity({ date: "20240117", time: "143000", gmtOffset: "-05:00" }, "I", "Out For Delivery Today"),
                    upsActivity(
                      { date: "20240116", time: "071356", gmtDate: "2024-01-16", gmtTime: "13:13:56", gmtOffset: "-06:00" },
                      "I",
                      "Arrived at Facility",
                    ),
                    upsActivity({}, "I", "Departed from Facility"),
                  ],
                },
              ],
            },
          ],
        },
      },
    }));
    const logger = recordingLogger();
    const [tracking] = await createUpsAdapter({ baseUrl: server!.url, ...oauth }, { logger }).track([LEAD], signal());
    const events = tracking!.pieces[0]!.events;
    expect(events.map((e) => [e.event, e.eventRecordedAt.toISOString(), e.localTime])).toEqual([
      ["Out For Delivery Today", "2024-01-17T19:30:00.000Z", undefined],
      ["Arrived at Facility", "2024-01-16T13:13:56.000Z", undefined],
    ]);
    expect(tracking!.droppedEvents).toBe(1);
    expect(logger.records).toEqual([
      {
        message: "courier activity dropped: no readable time",
        details: expect.objectContaining({
          courier: "ups",
          trackingNumber: LEAD,
          activity: expect.objectContaining({ status: expect.objectContaining({ description: "Departed from Facility" }) }),
        }),
      },
    ]);
  });
});

describe("USPS", () => {
  it("places an event's local eventTimestamp by its GMTOffset when GMTTimestamp is missing", async () => {
    await vendor(() => ({
      status: 200,
      body: {
        trackingNumber: "9400111202555842332669",
        trackingEvents: [
          {
            eventType: "Arrived at Post Office",
            eventCode: "07",
            eventTimestamp: "2024-03-05T06:00:00",
            GMTOffset: "-05:00",
            eventCity: "BROOKLYN",
          },
        ],
      },
    }));
    const [tracking] = await createUspsAdapter({ baseUrl: server!.url, ...oauth }).track(["9400111202555842332669"], signal());
    const [event] = tracking!.pieces[0]!.events;
    expect(event!.eventRecordedAt).toEqual(new Date("2024-03-05T11:00:00Z"));
    expect(event!.localTime).toBeUndefined();
  });

  it("honours a 503's Retry-After: no retry before then, and the wait is surfaced", async () => {
    let now = new Date("2024-01-01T00:00:00Z");
    await vendor(() => ({
      status: 503,
      headers: { "Retry-After": "120" },
      body: { apiVersion: "/tracking/v3", error: { code: "503", message: "Service Unavailable" } },
    }));
    const courier = resilient(createUspsAdapter({ baseUrl: server!.url, ...oauth }, { now: () => now }), () => now);
    const tracking = () => server!.requests.filter((r) => r.path.startsWith("/tracking/"));

    const first = await courierFailure(courier.track(["9400111202555842332669"], signal()));
    expect(first).toMatchObject({ upstream: { status: 503, type: "unavailable" }, retryAfter: 120 });
    expect(tracking()).toHaveLength(1);

    const waiting = await courierFailure(courier.track(["9400111202555842332669"], signal()));
    expect(waiting).toMatchObject({ upstream: { status: 503, type: "unavailable" }, retryAfter: 120 });
    expect(tracking()).toHaveLength(1);

    now = new Date(now.getTime() + 121_000);
    await courierFailure(courier.track(["9400111202555842332669"], signal()));
    expect(tracking()).toHaveLength(2);
  });
});

describe("FedEx", () => {
  const numbers = Array.from({ length: FEDEX_BATCH_SIZE + 1 }, (_, i) => String(100000000000 + i));

  it("asks at most 30 numbers per request, answering every number in order", async () => {
    await vendor((request) => {
      const asked = (JSON.parse(request.body) as { trackingInfo: { trackingNumberInfo: { trackingNumber: string } }[] }).trackingInfo.map(
        (t) => t.trackingNumberInfo.trackingNumber,
      );
      const completeTrackResults = asked.map((trackingNumber) => ({
        trackingNumber,
        trackResults: [
          {
            trackingNumberInfo: { trackingNumber },
            latestStatusDetail: { code: "IT", derivedCode: "IT", description: "In transit" },
            scanEvents: [],
          },
        ],
      }));
      return { status: 200, body: { output: { completeTrackResults } } };
    });
    const answers = await createFedexAdapter({ baseUrl: server!.url, ...oauth }).track(numbers, signal());
    const batches = server!.requests
      .filter((r) => r.path === "/track/v1/trackingnumbers")
      .map((r) => (JSON.parse(r.body) as { trackingInfo: unknown[] }).trackingInfo.length);
    expect(batches.sort((a, b) => b - a)).toEqual([30, 1]);
    expect(answers.map((a) => a.trackingNumber)).toEqual(numbers);
    expect(answers.every((a) => a.found)).toBe(true);
  });

  it("reads every track result of a number as a piece, each with its signature", async () => {
    const scan = (date: string, code: string, text: string) => ({ date, eventType: code, derivedStatusCode: code, eventDescription: text });
    await vendor(() => ({
      status: 200,
      body: {
        output: {
          completeTrackResults: [
            {
              trackingNumber: "794843185271",
              trackResults: [
                {
                  trackingNumberInfo: { trackingNumber: "794843185271" },
                  latestStatusDetail: { derivedCode: "DL", description: "Delivered" },
                  deliveryDetails: { signedByName: "A.LEAD" },
                  scanEvents: [scan("2024-08-12T15:18:10-05:00", "DL", "Delivered")],
                },
                {
                  trackingNumberInfo: { trackingNumber: "794843185282" },
                  latestStatusDetail: { derivedCode: "DL", description: "Delivered" },
                  deliveryDetails: { signedByName: "B.CHILD" },
                  scanEvents: [scan("2024-08-12T16:00:00-05:00", "DL", "Delivered")],
                },
              ],
            },
          ],
        },
      },
    }));
    const [tracking] = await createFedexAdapter({ baseUrl: server!.url, ...oauth }).track(["794843185271"], signal());
    expect(tracking!.pieces.map((p) => [p.trackingNumber, p.signedBy, p.events.length])).toEqual([
      ["794843185271", "A.LEAD", 1],
      ["794843185282", "B.CHILD", 1],
    ]);
    expect(tracking!.status).toEqual({ status: "DELIVERED", substatus: "delivered_001" });
  });

  it("keeps its error body out of the client's error and puts it in the log", async () => {
    await vendor(() => ({
      status: 400,
      body: {
        transactionId: "t-1",
        errors: [{ code: "INVALID.INPUT.EXCEPTION", message: "Invalid field value in the input: account 123456789" }],
      },
    }));
    const logger = recordingLogger();
    const error = await courierFailure(
      createFedexAdapter({ baseUrl: server!.url, ...oauth }, { logger }).track(["794843185271"], signal()),
    );
    expect(error.message).toBe("fedex answered HTTP 400");
    expect(JSON.stringify(extensionsOf(error))).not.toContain("123456789");
    expect(logger.records).toEqual([
      {
        message: "courier answered with an error",
        details: { courier: "fedex", status: 400, body: expect.stringContaining("account 123456789") },
      },
    ]);
  });
});

describe("DHL", () => {
  it("reads every shipment DHL answers for a number as a piece", async () => {
    const shipment = (id: string, statusCode: string, description: string, name?: string) => ({
      id,
      status: { timestamp: "2023-10-26T12:08:00+02:00", statusCode, description },
      details: name ? { proofOfDelivery: { signed: { name } } } : {},
      events: [{ timestamp: "2023-10-26T12:08:00+02:00", statusCode, description }],
    });
    await vendor(() => ({
      status: 200,
      body: {
        shipments: [
          shipment("JJD0099999999", "delivered", "Delivered", "M. MUSTER"),
          shipment("JJD0099999998", "transit", "Processed at LEIPZIG - GERMANY"),
        ],
      },
    }));
    const [tracking] = await createDhlAdapter({ baseUrl: server!.url, apiKey: "k" }).track(["JJD0099999999"], signal());
    expect(tracking!.pieces.map((p) => [p.trackingNumber, p.signedBy, p.status?.status])).toEqual([
      ["JJD0099999999", "M. MUSTER", "DELIVERED"],
      ["JJD0099999998", null, "IN_TRANSIT"],
    ]);
    expect(tracking!.status?.status).toBe("IN_TRANSIT");
  });

  it("reads a 429 that carries only X-RateLimit-Reset as the wait", async () => {
    const now = new Date("2024-01-01T00:00:00Z");
    await vendor(() => ({
      status: 429,
      headers: { "X-RateLimit-Reset": String(now.getTime() / 1000 + 45) },
      body: { title: "Too many requests", status: 429 },
    }));
    const error = await courierFailure(
      createDhlAdapter({ baseUrl: server!.url, apiKey: "k" }, { now: () => now }).track(["JJD0099999999"], signal()),
    );
    expect(error).toMatchObject({ upstream: { status: 429, type: "rate_limited" }, retryAfter: 45 });
  });
});

describe("AfterShip", () => {
  const path = `/tracking/${AFTERSHIP_API_VERSION}/trackings`;
  const NEW = "9405511202575421535956";
  const EXISTING = "9405511202575421535949";

  it("creates a number it does not track yet, tolerates one that already exists, then reads them", async () => {
    const created = new Set<string>();
    await vendor((request) => {
      if (request.method === "POST") {
        const { tracking_number } = JSON.parse(request.body) as { tracking_number: string };
        if (tracking_number === EXISTING)
          return { status: 400, body: { meta: { code: 4003, message: "Tracking already exists.", type: "BadRequest" }, data: {} } };
        created.add(tracking_number);
        return {
          status: 201,
          body: { meta: { code: 201 }, data: { tracking_number, slug: "usps", tag: "Pending", subtag: "Pending_001", checkpoints: [] } },
        };
      }
      // The existing one only shows up under a second filter (AfterShip indexes asynchronously).
      const asked = (request.query.get("tracking_numbers") ?? "").split(",");
      const visible = asked.filter((n) => created.has(n) || (n === EXISTING && created.size > 0));
      const trackings = visible.map((tracking_number) => ({
        tracking_number,
        slug: "usps",
        tag: "InfoReceived",
        subtag: "InfoReceived_001",
        checkpoints: [
          {
            checkpoint_time: "2024-05-07T09:12:00-07:00",
            message: "Shipping Label Created",
            tag: "InfoReceived",
            subtag: "InfoReceived_001",
          },
        ],
      }));
      return { status: 200, body: { meta: { code: 200 }, data: { trackings } } };
    });
    const answers = await createAftershipAdapter({ baseUrl: server!.url, apiKey: "k" }).track([NEW, EXISTING], signal());
    expect(server!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`, `POST ${path}`, `POST ${path}`, `GET ${path}`]);
    expect(answers.map((a) => [a.trackingNumber, a.found, a.status?.status, a.pieces[0]?.events.length])).toEqual([
      [NEW, true, "INFO_RECEIVED", 1],
      [EXISTING, true, "INFO_RECEIVED", 1],
    ]);
  });

  it("fails with a courier error when creating is refused for another reason", async () => {
    await vendor((request) =>
      request.method === "POST"
        ? { status: 400, body: { meta: { code: 4005, message: "The value of `tracking_number` is invalid." }, data: {} } }
        : { status: 200, body: { data: { trackings: [] } } },
    );
    const error = await courierFailure(createAftershipAdapter({ baseUrl: server!.url, apiKey: "k" }).track(["x"], signal()));
    expect(error.upstream).toEqual({ status: 400, type: "bad_request" });
  });
});
