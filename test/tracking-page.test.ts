/**
 * The public tracking page: what a link opens (one shipment, no recipient data), what it refuses
 * (a 404 that never tells whether a number exists), escaping, and live updates over server-sent
 * events limited to that shipment.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShipment } from "../src/shipments/create-shipment.js";
import type { ShipmentDocument } from "../src/shipments/document.js";
import { seedShipmentInput } from "./support/documents.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const CREATE = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id publicTrackingUrl } }";
const PUSH = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { eventId } } }";
const NUMBER = "1Z999AA10123456784";
const OTHER_NUMBER = "1Z999AA10123456799";

interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/** An EventSource's view of a response: its events one at a time, as they arrive. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  async function next(): Promise<ServerSentEvent> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = block.split("\n").filter((line) => !line.startsWith(":") && line.includes(":"));
        if (!fields.some((line) => line.startsWith("data:"))) continue; // retry:, comments
        const value = (name: string) =>
          fields
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        return { id: value("id"), event: value("event") ?? "message", data: value("data")! };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      buffer += value;
    }
  }
  return { response, next, close: () => abort.abort() };
}

const withoutNonces = (html: string) => html.replace(/nonce="[^"]+"/g, "");

let gw: TestGateway;
let acme: Record<string, string>;
let globex: Record<string, string>;
/** acme's seed shipment and its link, a second acme shipment, and globex's shipment with the same number. */
let shipment: { id: string; publicTrackingUrl: string };
let sibling: { id: string; publicTrackingUrl: string };
let foreign: { id: string; publicTrackingUrl: string };

const push = async (auth: Record<string, string>, shipmentNumber: string, trackingNumber: string, event: Record<string, unknown>) => {
  const res = await gw.graphql(PUSH, { input: { shipmentNumber, trackingNumber, tracking: [{ shipmentCarrier: "UPS", ...event }] } }, auth);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.updateTracking.appliedEvents).toHaveLength(1);
};

const create = async (auth: Record<string, string>, overrides: Record<string, unknown>, trackingNumber = NUMBER) => {
  const input = seedShipmentInput(overrides);
  input.cartons[0].trackingNumber = trackingNumber;
  const res = await gw.graphql(CREATE, { input }, auth);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.createShipment as { id: string; publicTrackingUrl: string };
};

const pathOf = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};
const page = (link: string) => fetch(new URL(link, gw.url));

beforeAll(async () => {
  gw = await startTestGateway();
  acme = (await gw.tenant("acme")).bearer;
  globex = (await gw.tenant("globex")).bearer;
  shipment = await create(acme, {});
  sibling = await create(acme, { shipmentNumber: "SIBLING-1" }, OTHER_NUMBER);
  foreign = await create(globex, {});
  await gw.db.shipment.update({ where: { id: shipment.id }, data: { expectedDelivery: new Date("2030-01-08T00:00:00Z") } });
});
afterAll(() => gw?.close());

describe("Shipment.publicTrackingUrl", () => {
  it("links to /track/{trackingNumber} on the gateway, with a token of its own per shipment", () => {
    const origin = new URL(gw.url).origin;
    for (const link of [shipment.publicTrackingUrl, sibling.publicTrackingUrl, foreign.publicTrackingUrl]) {
      expect(link).toMatch(new RegExp(`^${origin}/track/[0-9A-Z]+\\?token=[A-Za-z0-9_-]{32}$`));
    }
    expect(shipment.publicTrackingUrl).toContain(`/track/${NUMBER}?`);
    // Same tracking number at another tenant: another token.
    expect(foreign.publicTrackingUrl).not.toBe(shipment.publicTrackingUrl);
  });
});

describe("the page", () => {
  it("shows status, progress, expected delivery and history, rendered on the server", async () => {
    await push(acme, "78974156816152", NUMBER, {
      event: "Departed facility",
      eventId: "page-1",
      eventRecordedAt: "2030-01-02T10:00:00Z",
      location: "Louisville, KY",
    });
    await gw.db.trackingEvent.updateMany({
      where: { shipmentId: shipment.id, eventId: "page-1" },
      data: { localTime: "2030-01-02T05:00:00" },
    });
    await push(acme, "78974156816152", NUMBER, {
      event: "Arrived at hub",
      eventId: "page-2",
      eventRecordedAt: "2030-01-03T08:30:00Z",
      location: "Memphis, TN",
    });

    const res = await page(shipment.publicTrackingUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toMatch(
      /default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'; connect-src 'self'/,
    );
    const html = await res.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<header>[\s\S]*<main id="main">[\s\S]*<\/main>[\s\S]*<footer>/);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain(`Parcel <span class="number">${NUMBER}</span>`);
    expect(html).toContain("Status: <strong>In transit</strong>");
    expect(html).toMatch(/<li class="done">Label created[\s\S]*<li class="current" aria-current="step">In transit/);
    expect(html).toContain('Expected delivery: <strong><time datetime="2030-01-08T00:00:00.000Z">Tuesday, 8 January 2030</time>');
    // The carrier's local time as given, labelled; an exact instant in UTC, labelled.
    expect(html).toContain('<time datetime="2030-01-02T05:00">2 Jan 2030, 05:00</time> <span class="zone">local time</span>');
    expect(html).toContain('<time datetime="2030-01-03T08:30:00.000Z">3 Jan 2030, 08:30</time> <span class="zone">UTC</span>');
    // Newest first.
    expect(html.indexOf("Arrived at hub")).toBeLessThan(html.indexOf("Departed facility"));
    expect(html).toContain("Memphis, TN");
    // Scripts and styles are inline, none fetched from anywhere.
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/);
  });

  it("holds no recipient data: no names, emails, phones, street addresses or carrier notes", async () => {
    const recipients = await gw.graphql(
      `query ($id: ID!) { shipment(id: $id) { shipmentNumber recipients { email name { firstName lastName } phone { number } }
        shipToAddress { addressLine1 addressLine2 addressLine3 addressLine4 postalCode email name { firstName lastName } phone { number } } } }`,
      { id: shipment.id },
      acme,
    );
    const { recipients: people, shipToAddress: address } = recipients.body.data.shipment;
    const secrets = [
      ...people.flatMap((p: any) => [p.email, p.name.firstName, p.name.lastName, p.phone.number]),
      address.addressLine1,
      address.addressLine2,
      address.addressLine3,
      address.addressLine4,
      address.postalCode,
      address.email,
      address.name.firstName,
      address.name.lastName,
      address.phone.number,
      "Shipment picked up", // a carrier note of the seed's event: notes may name who signed
    ].filter(Boolean);
    expect(secrets.length).toBeGreaterThan(8);
    const html = await (await page(shipment.publicTrackingUrl)).text();
    for (const secret of secrets) expect(html, secret).not.toContain(secret);
    expect(html).not.toContain(shipment.id);
  });

  it("answers the same 404 for a missing or wrong token, another shipment's token and an unknown number", async () => {
    const token = (link: string) => new URL(link).searchParams.get("token")!;
    const attempts = [
      `/track/${NUMBER}`,
      `/track/${NUMBER}?token=`,
      `/track/${NUMBER}?token=${"A".repeat(32)}`,
      `/track/${NUMBER}?token=${token(shipment.publicTrackingUrl).slice(0, -1)}B`,
      `/track/${NUMBER}?token=${token(sibling.publicTrackingUrl)}`, // acme's other shipment
      `/track/${OTHER_NUMBER}?token=${token(shipment.publicTrackingUrl)}`, // the right token, another number
      `/track/1Z000NOSUCH0000000?token=${token(shipment.publicTrackingUrl)}`,
      `/track/${NUMBER}/live?token=${token(sibling.publicTrackingUrl)}`,
      `/track/%E0%A4%A?token=x`,
    ];
    const bodies = new Set<string>();
    for (const attempt of attempts) {
      const res = await page(attempt);
      expect(res.status, attempt).toBe(404);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      bodies.add(withoutNonces(await res.text()));
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toContain("Tracking link not found");
    // Each shipment's own link opens its own page — globex's shares acme's number.
    expect((await page(foreign.publicTrackingUrl)).status).toBe(200);
    expect((await page(sibling.publicTrackingUrl)).status).toBe(200);
  });

  it("escapes what carriers send", async () => {
    const payload = `<img src=x onerror="alert(1)"><script>alert('x')</script>&`;
    await push(acme, "SIBLING-1", OTHER_NUMBER, {
      event: payload,
      eventId: "xss-1",
      eventRecordedAt: "2030-01-04T00:00:00Z",
      location: `"><svg onload=alert(2)>`,
    });
    const html = await (await page(sibling.publicTrackingUrl)).text();
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("alert('x')</script>");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
    expect(html).toContain("&quot;&gt;&lt;svg onload=alert(2)&gt;");
  });

  it("is read-only: other methods are refused and the token is no credential for the API", async () => {
    const post = await fetch(new URL(pathOf(shipment.publicTrackingUrl), gw.url), { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const token = new URL(shipment.publicTrackingUrl).searchParams.get("token")!;
    const api = await gw.graphql(
      "{ shipments(first: 1) { nodes { id } } }",
      {},
      { authorization: `Bearer ${token}`, "x-fabric-tenant-id": "acme" },
    );
    expect(api.status).toBe(401);
    expect(api.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("live updates", () => {
  const liveUrl = async (link: string) => {
    const html = await (await page(link)).text();
    return new URL(/data-live="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, "&"), gw.url).toString();
  };

  it("streams this shipment's changes and no other's, each with the re-rendered section", async () => {
    const url = await liveUrl(shipment.publicTrackingUrl);
    const stream = await openStream(url);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      // Committed first: another shipment of the tenant, and another tenant's shipment with the same number.
      await push(acme, "SIBLING-1", OTHER_NUMBER, {
        event: "Sibling moved",
        eventId: "live-sibling",
        eventRecordedAt: "2030-01-05T00:00:00Z",
      });
      await push(globex, "78974156816152", NUMBER, {
        event: "Foreign moved",
        eventId: "live-foreign",
        eventRecordedAt: "2030-01-05T00:00:00Z",
      });
      await push(acme, "78974156816152", NUMBER, {
        event: "Out for delivery",
        eventId: "live-own",
        eventRecordedAt: "2030-01-06T07:00:00Z",
        location: "Seattle, WA",
      });

      const update = await stream.next();
      expect(update.event).toBe("update");
      const { html, announcement } = JSON.parse(update.data);
      expect(html).toContain("Status: <strong>Out for delivery</strong>");
      expect(html).toContain('<li class="current" aria-current="step">Out for delivery');
      expect(html).toContain("Seattle, WA");
      expect(html).not.toMatch(/Sibling moved|Foreign moved/);
      expect(announcement).toBe("Updated: Out for delivery — Out for delivery");
      const current = await gw.graphql("query ($id: ID!) { shipment(id: $id) { version } }", { id: shipment.id }, acme);
      expect(update.id).toBe(String(current.body.data.shipment.version));
    } finally {
      stream.close();
    }
  });

  it("resumes after Last-Event-ID, so a reconnecting page misses nothing", async () => {
    const before = (await gw.graphql("query ($id: ID!) { shipment(id: $id) { version } }", { id: shipment.id }, acme)).body.data.shipment
      .version;
    await push(acme, "78974156816152", NUMBER, { event: "Delivered", eventId: "live-delivered", eventRecordedAt: "2030-01-06T12:00:00Z" });
    const url = (await liveUrl(shipment.publicTrackingUrl)).replace(/afterVersion=\d+/, "afterVersion=0");
    const stream = await openStream(url, { "last-event-id": String(before) });
    try {
      const update = await stream.next();
      expect(update.id).toBe(String(before + 1));
      expect(JSON.parse(update.data).html).toContain("Status: <strong>Delivered</strong>");
    } finally {
      stream.close();
    }
  });
});

describe("under a persisted-operations allowlist", () => {
  it("still runs its own fixed operations, which no tenant could send", async () => {
    const strict = await startTestGateway({ persistedOperations: { mode: "allowlist", manifest: {} } });
    try {
      const auth = (await strict.tenant("acme")).bearer;
      const refused = await strict.graphql("{ shipments(first: 1) { nodes { id } } }", {}, auth);
      expect(refused.body.errors?.[0]?.message).toMatch(/persisted|allow/i);
      const id = await createShipment(strict.db, { tenantId: "acme", channelId: 12 }, {
        shipmentNumber: "ALLOW-1",
        cartons: [{ trackingNumber: NUMBER }],
      } as ShipmentDocument);
      const token = await strict.services.trackingPage.tokens.tokenFor(id);
      const res = await fetch(new URL(`/track/${NUMBER}?token=${token}`, strict.url));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`Parcel <span class="number">${NUMBER}</span>`);
    } finally {
      await strict.close();
    }
  });
});
