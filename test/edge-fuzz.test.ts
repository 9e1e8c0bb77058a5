/**
 * Property: whatever arrives at the edge — any document, variables, content type or credentials on
 * HTTP, any body on the REST routes, any message on a WebSocket — the answer is a well-formed 2xx
 * or 4xx JSON response whose errors carry extensions.code (or, on a socket, an error message or a
 * protocol close code, never 4500), and the gateway keeps answering.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicHeader, startTestGateway, type TestGateway } from "./support/gateway.js";
import { openProtocolSocket } from "./support/subscriptions.js";

/** Pieces of real operations, so many generated documents parse and reach validation and execution. */
const TOKEN = fc.constantFrom(
  "{",
  "}",
  "(",
  ")",
  ":",
  "...",
  "$n",
  "query",
  "mutation",
  "subscription",
  "fragment F on Shipment",
  "on",
  "shipments",
  "shipment",
  "node",
  "nodes",
  "cartons",
  "items",
  "trackingEvents",
  "id",
  "totalCount",
  "__typename",
  "__schema",
  "types",
  "name",
  "first: 2",
  "last: 1",
  "first: -1",
  "first: 1000000",
  'after: "x"',
  'id: "ship_x"',
  "a:",
  "b:",
  "@include(if: true)",
  "@skip(if: $n)",
  "createShipment(input: {})",
  '"str"',
  "12",
  "null",
  ",",
);
const DOCUMENT = fc.oneof(
  fc.array(TOKEN, { maxLength: 40 }).map((tokens) => tokens.join(" ")),
  fc.string({ maxLength: 200 }),
);
const CONTENT_TYPE = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/graphql-response+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/graphql",
  "",
);

describe("edge fuzz", () => {
  let gw: TestGateway;
  let credentials: fc.Arbitrary<Record<string, string>>;
  beforeAll(async () => {
    gw = await startTestGateway();
    const acme = await gw.tenant("acme");
    credentials = fc.oneof(
      fc.constant(acme.basic),
      fc.constant(acme.bearer),
      fc.constant({}),
      fc.string({ maxLength: 60 }).map((authorization) => ({ authorization })),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
        .map(([id, secret]) => ({ authorization: basicHeader(id, secret) })),
      fc.string({ maxLength: 12 }).map((tenant) => ({ ...acme.bearer, "x-fabric-tenant-id": tenant })),
    );
  });
  afterAll(() => gw.close());

  const expectWellFormed = async (response: Response, what: unknown) => {
    expect([2, 4], JSON.stringify(what)).toContain(Math.floor(response.status / 100));
    const text = await response.text();
    let body: any;
    expect(() => (body = JSON.parse(text)), text).not.toThrow();
    return body;
  };

  it("answers any GraphQL request over HTTP with 2xx/4xx JSON whose errors have a code", async () => {
    // Header values must be ByteStrings for fetch; anything else never leaves a real client.
    const headerSafe = (headers: Record<string, string>) => Object.values(headers).every((value) => /^[\x20-\x7e]*$/.test(value));
    await fc.assert(
      fc.asyncProperty(
        DOCUMENT,
        fc.option(fc.jsonValue({ maxDepth: 2 })),
        CONTENT_TYPE,
        credentials.filter(headerSafe),
        async (query, variables, contentType, headers) => {
          const request = { query, variables, contentType, headers };
          const response = await fetch(gw.url, {
            method: "POST",
            headers: {
              ...(contentType ? { "content-type": contentType } : {}),
              accept: "application/graphql-response+json, application/json",
              ...headers,
            },
            body: JSON.stringify({ query, variables }),
          });
          const body = await expectWellFormed(response, request);
          for (const error of body.errors ?? []) expect(typeof error.extensions?.code, JSON.stringify({ request, error })).toBe("string");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers any REST request with 2xx/4xx JSON carrying a REST error type", async () => {
    const path = fc.oneof(
      fc.constant("/v3/shipments/actions/update-tracking"),
      fc.string({ maxLength: 30 }).map((id) => `/v5/shipments/ship_${encodeURIComponent(id)}/sync`),
    );
    await fc.assert(
      fc.asyncProperty(path, fc.jsonValue({ maxDepth: 3 }), CONTENT_TYPE, async (url, body, contentType) => {
        const response = await fetch(new URL(url, gw.url), {
          method: "POST",
          headers: { ...(contentType ? { "content-type": contentType } : {}), authorization: basicHeader("acme", "wrong") },
          body: JSON.stringify(body),
        });
        const answer = await expectWellFormed(response, { url, body, contentType });
        if (response.status >= 400) expect(typeof answer.error?.type).toBe("string");
      }),
      { numRuns: 100 },
    );
  });

  it("answers any WebSocket message with an operation error or a protocol close, never 4500", async () => {
    const acme = await gw.tenant("acme-ws");
    const message = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 100 }),
      fc
        .tuple(DOCUMENT, fc.option(fc.jsonValue({ maxDepth: 2 })))
        .map(([query, variables]) => JSON.stringify({ id: "op", type: "subscribe", payload: { query, variables } })),
    );
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const ws = await openProtocolSocket(gw.url);
        ws.send({ type: "connection_init", payload: acme.basic });
        await ws.expectMessage((m) => m.type === "connection_ack");
        ws.socket.send(raw);
        const outcome = await Promise.race([
          ws.closed,
          ws.expectMessage((m) => m.type === "error" || m.type === "next" || m.type === "pong", 2_000).catch(() => "quiet"),
        ]);
        if (typeof outcome === "object" && "code" in outcome) expect(outcome.code, raw).not.toBe(4500);
        if (typeof outcome === "object" && outcome.type === "error") {
          for (const error of outcome.payload) expect(typeof error.message).toBe("string");
        }
        ws.socket.close();
      }),
      { numRuns: 60 },
    );
    const still = await gw.graphql("{ shipments(first: 1) { totalCount } }", {}, acme.basic);
    expect(still.status).toBe(200);
  });
});
