/** How answers travel over HTTP: @defer/@stream (multipart and SSE), Cache-Control and ETag on GET. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateShipmentDocument, UpdateTrackingDocument } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";

const DEFERRED = `query {
  shipments(first: 1) { totalCount }
  ... @defer(label: "counts") { statusCounts { trackingStatus count } }
}`;

const STREAMED = `query { shipments(first: 3) { nodes @stream(initialCount: 1) { shipmentNumber } } }`;

describe("HTTP delivery", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    for (const n of ["H1", "H2", "H3"]) {
      expectNoErrors(
        await gw.execute(CreateShipmentDocument, { input: { shipmentNumber: n, cartons: [{ trackingNumber: `1ZHTTP${n}` }] } }, auth),
      );
    }
  });
  afterAll(() => gw.close());

  const post = (query: string, accept: string) =>
    fetch(gw.url, { method: "POST", headers: { ...auth, "content-type": "application/json", accept }, body: JSON.stringify({ query }) });

  /** The JSON payloads of a multipart/mixed body, in order. */
  const multipartParts = (body: string) =>
    body
      .split(/\r\n---/)
      .map((part) => part.slice(part.indexOf("\r\n\r\n") + 4).trim())
      .filter((part) => part.startsWith("{"))
      .map((part) => JSON.parse(part));

  it("@defer over multipart/mixed: the list first, the deferred counts after", async () => {
    const res = await post(DEFERRED, "multipart/mixed");
    expect(res.headers.get("content-type")).toMatch(/^multipart\/mixed/);
    const parts = multipartParts(await res.text());
    expect(parts[0]).toMatchObject({ data: { shipments: { totalCount: 3 } }, hasNext: true });
    expect(parts[0].data.statusCounts).toBeUndefined();
    expect(parts.at(-1).hasNext).toBe(false);
    const deferred = parts.flatMap((p) => p.incremental ?? []);
    expect(deferred).toEqual([expect.objectContaining({ label: "counts", data: { statusCounts: [{ trackingStatus: null, count: 3 }] } })]);
  });

  it("@stream over server-sent events: one list item up front, the rest as increments", async () => {
    const res = await post(STREAMED, "text/event-stream");
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = (await res.text())
      .split("\n")
      .filter((line) => line.startsWith("data: ") && line.length > 6)
      .map((line) => JSON.parse(line.slice(6)))
      .filter((e) => Object.keys(e).length > 0);
    expect(events[0].data.shipments.nodes).toEqual([{ shipmentNumber: "H3" }]);
    const streamed = events.flatMap((e) => e.incremental ?? []).flatMap((i: { items: unknown[] }) => i.items);
    expect(streamed).toEqual([{ shipmentNumber: "H2" }, { shipmentNumber: "H1" }]);
  });

  const LIST = "query { shipments(first: 5) { nodes { shipmentNumber version } } }";
  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${gw.url}?query=${encodeURIComponent(query)}`, {
      headers: { ...auth, accept: "application/graphql-response+json", ...headers },
    });

  it("GET queries carry a private Cache-Control and an ETag; If-None-Match answers 304 until the data changes", async () => {
    const first = await get(LIST);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("vary")).toMatch(/Authorization/);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect((await first.json()).data.shipments.nodes).toHaveLength(3);

    const unchanged = await get(LIST, { "if-none-match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    expect(unchanged.headers.get("etag")).toBe(etag);

    const input = {
      shipmentNumber: "H1",
      trackingNumber: "1ZHTTPH1",
      tracking: [{ event: "picked up", eventRecordedAt: "2026-01-01T00:00:00Z" }],
    };
    expectNoErrors(await gw.execute(UpdateTrackingDocument, { input }, auth));
    const changed = await get(LIST, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("leaves POST, and GET answers with errors, uncached", async () => {
    const posted = await post(LIST, "application/graphql-response+json");
    expect(posted.headers.get("etag")).toBeNull();
    const missing = await get('query { shipment(id: "ship_missing") { id } }');
    expect(missing.headers.get("etag")).toBeNull();
    expect(missing.headers.get("cache-control") ?? "").not.toMatch(/private/);
  });
});
