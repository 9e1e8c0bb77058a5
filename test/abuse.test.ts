/**
 * The edge under abuse, over real HTTP and real sockets: anonymous clients cost almost nothing,
 * hostile documents are refused before execution, browsers cannot be tricked into calling us, and
 * credentials cannot be guessed at speed or kept after revocation.
 */
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicHeader, startTestGateway, type TestGateway } from "./support/gateway.js";
import { openProtocolSocket, wsUrl } from "./support/subscriptions.js";

const SHIPMENT_FIELDS =
  "id shipmentNumber statusCode trackingStatus cartons { trackingNumber items { sku } trackingEvents { event location } }";
const CREATE = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }";

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(url, { method: "POST", headers, body }).then(async (response) => ({
    status: response.status,
    headers: response.headers,
    body: await response.json(),
  }));

function heapUsed() {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

describe("abuse at the edge", () => {
  let gw: TestGateway;
  let acme: Awaited<ReturnType<TestGateway["tenant"]>>;
  beforeAll(async () => {
    gw = await startTestGateway({ edge: { authFailures: { perIp: 1_000, perKey: 3, windowSeconds: 60 }, wsCredentialCheckSeconds: 1 } });
    acme = await gw.tenant("acme");
  });
  afterAll(() => gw.close());

  const shipmentCount = () => gw.db.shipment.count({ where: { tenantId: "acme" } });

  it("refuses huge anonymous queries on their headers, with bounded memory", async () => {
    // 1M aliased __typename: ~21 MB, the query that used to take the process to 3.7 GB.
    const huge = JSON.stringify({ query: `{ ${Array.from({ length: 1_000_000 }, (_, i) => `a${i}: __typename`).join(" ")} }` });
    const before = heapUsed();
    for (let i = 0; i < 5; i++) {
      const res = await post(gw.url, huge, { "content-type": "application/json" });
      expect(res.status).toBe(413);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    }
    // The client side holds the 21 MB string too; the server must not have parsed five of them.
    expect(heapUsed() - before).toBeLessThan(60 * 1024 * 1024);
  });

  it("answers an anonymous query under the size limit with 401 before parsing it", async () => {
    const query = `{ ${Array.from({ length: 40_000 }, (_, i) => `a${i}: __typename`).join(" ")} }`; // ~700 KB
    const res = await post(gw.url, JSON.stringify({ query }), { "content-type": "application/json" });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", type: "authentication_error" });
  });

  /** POSTs `body` in chunks without a Content-Length (node's fetch sends a stream chunked). */
  const postChunked = (body: string, headers: Record<string, string>) => {
    const bytes = new TextEncoder().encode(body);
    const chunk = 64 * 1024;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.subarray(at, at + chunk));
        controller.close();
      },
    });
    return fetch(gw.url, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));
  };

  it("refuses a chunked body over the size limit as one with a Content-Length, and runs one under it", async () => {
    const headers = { "content-type": "application/json", ...acme.basic };
    // ~1.3 MB of aliases: over the 1 MB limit, sent without announcing its length.
    const huge = JSON.stringify({ query: `{ ${Array.from({ length: 80_000 }, (_, i) => `a${i}: __typename`).join(" ")} }` });
    const refused = await postChunked(huge, headers);
    expect(refused.status).toBe(413);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    expect(refused.body.data).toBeUndefined();

    // Several chunks, under the limit: parsed and executed as usual.
    const padded = JSON.stringify({ query: `{ __typename }${" ".repeat(200_000)}` });
    const ran = await postChunked(padded, headers);
    expect(ran).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
  });

  it("refuses a 90 MB WebSocket frame sent before connection_init, without buffering it", async () => {
    const socket = new WebSocket(wsUrl(gw.url), "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.on("error", () => {}); // the server hangs up mid-frame
    const before = heapUsed();
    socket.send(Buffer.alloc(90 * 1024 * 1024, 0x61));
    // ws drops the connection on the frame's header (Message Too Big); which close code reaches a
    // client still busy sending depends on timing, but it is never acknowledged.
    expect(await closed).not.toBe(1000);
    expect(heapUsed() - before).toBeLessThan(200 * 1024 * 1024);
    const next = await openProtocolSocket(gw.url);
    next.send({ type: "connection_init", payload: acme.basic });
    await next.expectMessage((m) => m.type === "connection_ack");
    next.socket.close();
  });

  it("refuses an oversized connection_init before authenticating it", async () => {
    const ws = await openProtocolSocket(gw.url);
    ws.send({ type: "connection_init", payload: { authorization: acme.basic.authorization, padding: "x".repeat(100_000) } });
    const { code } = await ws.closed;
    expect(code).toBe(1009);
    expect(ws.messages).toEqual([]);
  });

  it("refuses a 1,000-alias query before running it", async () => {
    const query = `{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: shipments(first: 100) { nodes { ${SHIPMENT_FIELDS} } }`).join(" ")} }`;
    const res = await gw.graphql(query, {}, acme.basic);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    expect(res.body.errors?.[0]?.message).toMatch(/limit of \d+ exceeded/);
  });

  it("answers a document over the token limit as the parse error it is, in either response type", async () => {
    const query = `{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const answer = async (accept: string) => {
      const res = await gw.graphql(query, {}, { ...acme.basic, accept });
      return { status: res.status, error: res.body.errors?.[0] };
    };
    const refusal = {
      message: "Invalid input: query: Token limit of 2000 exceeded.",
      extensions: { code: "BAD_USER_INPUT", type: "validation_error" },
    };
    // GraphQL over HTTP: a request error is a 400 in the new media type and a 200 in legacy JSON.
    expect(await answer("application/graphql-response+json")).toMatchObject({ status: 400, error: refusal });
    expect(await answer("application/json")).toMatchObject({ status: 200, error: refusal });
  });

  it("refuses 31 aliases (under the token limit) and a document deeper than the depth limit", async () => {
    const aliases = await gw.graphql(
      `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: shipments(first: 1) { totalCount }`).join(" ")} }`,
      {},
      acme.basic,
    );
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded, found 31/);
    // Depth is counted before the fields are looked up: no valid path in our schema is this deep.
    const deep = await gw.graphql(`{ ${"a { ".repeat(12)}b${" }".repeat(12)} }`, {}, acme.basic);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.message).toMatch(/depth limit of 10 exceeded/);
  });

  it("refuses an operation whose requested cost is over the per-operation maximum", async () => {
    const res = await gw.graphql("{ shipments(first: 100) { nodes { cartons { trackingEvents(last: 100) { event } } } } }", {}, acme.basic);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    expect(res.body.errors?.[0]?.message).toMatch(/costs up to 10201 points, more than the 5000/);
  });

  it("executes only JSON POSTs: form, text, graphql and multipart bodies are refused and write nothing", async () => {
    const mutation = `mutation { createShipment(input: { shipmentNumber: "CSRF-1", cartons: [{ trackingNumber: "1ZCSRF000001", shipmentCarrier: "UPS" }] }) { id } }`;
    const before = await shipmentCount();
    const bodies: [string, string][] = [
      ["application/x-www-form-urlencoded", `query=${encodeURIComponent(mutation)}`],
      ["text/plain", JSON.stringify({ query: mutation })],
      ["application/graphql", mutation],
      [
        "multipart/form-data; boundary=x",
        `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: mutation })}\r\n--x--\r\n`,
      ],
    ];
    for (const [contentType, body] of bodies) {
      const res = await post(gw.url, body, { "content-type": contentType, ...acme.basic });
      expect(res.status, contentType).toBe(415);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    }
    const viaGet = await fetch(`${gw.url}?query=${encodeURIComponent(mutation)}`, {
      headers: { ...acme.basic, accept: "application/json" },
    });
    expect(viaGet.status).toBe(405);
    expect(await shipmentCount()).toBe(before);
  });

  it("requires JSON on REST POSTs that carry a body", async () => {
    const res = await fetch(new URL("/v5/shipments/ship_1234567890abcdef/sync", gw.url), {
      method: "POST",
      headers: { ...acme.basic, "content-type": "text/plain" },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        type: "validation_error",
        message: "Invalid input: content-type: must be application/json",
        details: [{ path: "content-type", message: "must be application/json" }],
      },
    });
  });

  it("keeps CORS off by default: no origin is reflected", async () => {
    const res = await fetch(gw.url, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example", ...acme.basic },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("challenges curl with Basic, never a browser page", async () => {
    const curl = await post(gw.url, JSON.stringify({ query: "{ __typename }" }), { "content-type": "application/json" });
    expect(curl.status).toBe(401);
    expect(curl.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    const browsers: Record<string, string>[] = [
      { origin: "http://localhost:4000" },
      { "sec-fetch-site": "same-origin" },
      { "x-requested-with": "XMLHttpRequest" },
    ];
    for (const browser of browsers) {
      const page = await post(gw.url, JSON.stringify({ query: "{ __typename }" }), { "content-type": "application/json", ...browser });
      expect(page.status).toBe(401);
      expect(page.headers.get("www-authenticate")).toBeNull();
    }
  });

  it("refuses malformed Authorization headers", async () => {
    for (const authorization of [
      `Bearer ${acme.keys.bearerToken} extra`,
      "Bearer",
      "Basic",
      `Basic  ${"!".repeat(8)}`,
      `${acme.basic.authorization}, Basic eA==`,
    ]) {
      const res = await gw.graphql("{ __typename }", {}, { ...acme.bearer, authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("limits failed logins per key id: 429 with Retry-After, even for the right secret, before any scrypt", async () => {
    const victim = await gw.tenant("victim");
    for (let i = 0; i < 3; i++) {
      const res = await gw.graphql("{ __typename }", {}, { authorization: basicHeader(victim.keys.basic.keyId, `guess-${i}`) });
      expect(res.status).toBe(401);
    }
    for (const secret of ["guess-4", victim.keys.basic.secret]) {
      const res = await gw.graphql("{ __typename }", {}, { authorization: basicHeader(victim.keys.basic.keyId, secret) });
      expect(res.status).toBe(429);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", type: "rate_limit_error" });
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // Its bearer token is another key: still fine.
    expect((await gw.graphql("{ __typename }", {}, victim.bearer)).status).toBe(200);
  });

  it("verifies one presented credential once, however many requests bring it at the same moment", async () => {
    const fresh = await gw.tenant("stampede");
    gw.statements.length = 0;
    const answers = await Promise.all(Array.from({ length: 20 }, () => gw.graphql("{ __typename }", {}, fresh.basic)));
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
    // One credential lookup (and so one scrypt) for all twenty.
    expect(gw.statements.filter((sql) => /FROM "public"\."ApiCredential"/i.test(sql))).toHaveLength(1);
  });

  it("limits failed logins per client address across key ids", async () => {
    const strict = await startTestGateway({ edge: { authFailures: { perIp: 3, perKey: 1_000, windowSeconds: 60 } } });
    try {
      const tenant = await strict.tenant("acme");
      for (let i = 0; i < 3; i++)
        expect((await strict.graphql("{ __typename }", {}, { authorization: basicHeader(`nobody-${i}`, "x") })).status).toBe(401);
      const locked = await strict.graphql("{ __typename }", {}, tenant.basic);
      expect(locked.status).toBe(429);
      expect(locked.body.errors?.[0]?.message).toBe("Too many failed authentication attempts");
    } finally {
      await strict.close();
    }
  });

  it("errors a subscription with a syntax error, an invalid one and an over-limit one on their own; the socket goes on", async () => {
    const ws = await openProtocolSocket(gw.url);
    ws.send({ type: "connection_init", payload: acme.basic });
    await ws.expectMessage((m) => m.type === "connection_ack");
    ws.send({ id: "syntax", type: "subscribe", payload: { query: "subscription { trackingUpdated { " } });
    ws.send({ id: "invalid", type: "subscribe", payload: { query: "subscription { trackingUpdated { nope } }" } });
    ws.send({
      id: "aliases",
      type: "subscribe",
      payload: { query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: shipments(first: 1) { totalCount }`).join(" ")} }` },
    });
    for (const id of ["syntax", "invalid", "aliases"]) {
      const error = await ws.expectMessage((m) => m.type === "error" && m.id === id);
      expect(error.payload[0].message).toBeTruthy();
    }
    ws.send({ id: "fine", type: "subscribe", payload: { query: "{ shipments(first: 1) { totalCount } }" } });
    const fine = await ws.expectMessage((m) => m.type === "next" && m.id === "fine");
    expect(fine.payload.data.shipments.totalCount).toBeGreaterThanOrEqual(0);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
    ws.socket.close();
  });

  it("closes a socket with 4403 once its credential is revoked", async () => {
    const initech = await gw.tenant("initech");
    const ws = await openProtocolSocket(gw.url);
    ws.send({ type: "connection_init", payload: initech.basic });
    await ws.expectMessage((m) => m.type === "connection_ack");
    ws.send({ id: "live", type: "subscribe", payload: { query: "subscription { trackingUpdated { version } }" } });
    await gw.db.apiCredential.updateMany({ where: { tenantId: "initech" }, data: { revokedAt: new Date() } });
    // Re-checked every second in this gateway; a generous bound for a loaded machine.
    const closed = await Promise.race([ws.closed, new Promise<undefined>((resolve) => setTimeout(resolve, 15_000))]);
    expect(closed).toEqual({ code: 4403, reason: "Credentials revoked" });
  });

  it("reports the cost of an operation on request, and answers 429 once the cost budget is spent", async () => {
    const tight = await startTestGateway({ edge: { costBudget: { points: 100, durationSeconds: 60 } } });
    try {
      const globex = await tight.tenant("globex");
      await tight.graphql(
        CREATE,
        { input: { shipmentNumber: "COST-1", cartons: [{ trackingNumber: "1ZCOST000001", shipmentCarrier: "UPS" }] } },
        globex.basic,
      );
      const query = "query ($n: Int) { shipments(first: $n) { nodes { id cartons { trackingNumber } } } }";
      const small = await tight.graphql(query, { n: 30 }, { ...globex.basic, "x-graphql-cost": "1" });
      expect(small.status).toBe(200);
      // connection 1 + 30 nodes + 30 carton lists; the result holds the connection, 1 node, 1 carton.
      expect(small.body.extensions?.cost).toMatchObject({
        requestedQueryCost: 61,
        actualQueryCost: 3,
        throttleStatus: { maximumAvailable: 100 },
      });
      expect(small.body.extensions?.cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(97);
      const plain = await tight.graphql(query, { n: 1 }, globex.basic);
      expect(plain.body.extensions).toBeUndefined();
      const big = await tight.graphql(query, { n: 60 }, globex.basic); // 121 > what is left
      expect(big.status).toBe(429);
      expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", type: "rate_limit_error" });
      expect(Number(big.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });

  it("allows only CORS_ORIGINS, with credentials and the exposed headers", async () => {
    const cors = await startTestGateway({ edge: { corsOrigins: ["https://app.example"] } });
    try {
      const preflight = await fetch(cors.url, {
        method: "OPTIONS",
        headers: {
          origin: "https://app.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
      expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
      const allowed = await post(cors.url, JSON.stringify({ query: "{ __typename }" }), {
        "content-type": "application/json",
        origin: "https://app.example",
      });
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
      expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
      expect(allowed.headers.get("access-control-expose-headers")).toContain("Retry-After");
      expect(allowed.headers.get("access-control-expose-headers")).toContain("x-fabric-request-id");
      const evil = await post(cors.url, JSON.stringify({ query: "{ __typename }" }), {
        "content-type": "application/json",
        origin: "https://evil.example",
      });
      expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await cors.close();
    }
  });
});
