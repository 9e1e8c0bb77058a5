/**
 * Dependency faults in one gateway instance: connections cut under concurrent writes, a database out
 * of reach (503 SERVICE_UNAVAILABLE with Retry-After on GraphQL and REST, nothing masked), a Redis
 * outage the rate limiter rides out, a subscription update lost to an outage while it was loaded,
 * and the operator's view: request ids and /metrics.
 */
import net, { type AddressInfo, type Socket } from "node:net";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { issueKeys } from "../src/auth/credentials.js";
import { createDb } from "../src/db/client.js";
import { freePort } from "../src/db/embedded.js";
import { createTestDatabase } from "./support/database.js";
import { basicHeader, startTestGateway, redisPair, type TestGateway } from "./support/gateway.js";
import { connect, subscribe } from "./support/subscriptions.js";
import { redisServerInstalled, startPrivateRedis, type PrivateRedis } from "./support/private-redis.js";

const UPDATE_TRACKING =
  "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { eventId } duplicateEventIds } }";

describe("PostgreSQL connections terminated under concurrent writes", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    await gw.graphql(
      'mutation { createShipment(input: { shipmentNumber: "CUT-1", cartons: [{ trackingNumber: "1ZCUT0000001" }] }) { id } }',
      {},
      auth,
    );
  });
  afterAll(() => gw.close());

  it("answers every cut request with 503 SERVICE_UNAVAILABLE (never 500), and a retry of the same event applies it once", async () => {
    const admin = new pg.Client({ connectionString: gw.databaseUrl });
    await admin.connect();
    const database = new URL(gw.databaseUrl).pathname.slice(1);
    const statuses: number[] = [];
    const acknowledged: string[] = [];
    const send = async (eventId: string, minute: number) => {
      for (;;) {
        const tracking = [{ event: "arrived at hub", eventId, eventRecordedAt: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString() }];
        const res = await gw.graphql(
          UPDATE_TRACKING,
          { input: { shipmentNumber: "CUT-1", trackingNumber: "1ZCUT0000001", tracking } },
          auth,
        );
        statuses.push(res.status);
        if (res.status === 200) {
          const { appliedEvents, duplicateEventIds } = res.body.data.updateTracking;
          if ([...appliedEvents.map((e: { eventId: string }) => e.eventId), ...duplicateEventIds].includes(eventId))
            acknowledged.push(eventId);
          return;
        }
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("2");
        expect(res.body.errors![0]!.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", type: "service_unavailable", retryAfter: 2 });
      }
    };
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; n < 15; n++) await send(`cut-${w}-${n}`, w * 100 + n);
    });
    // Cut every connection of the gateway's database, again and again, while the writers run.
    const cutter = (async () => {
      for (let i = 0; i < 10; i++) {
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
          database,
        ]);
        await new Promise((r) => setTimeout(r, 30));
      }
    })();
    await Promise.all([...writers, cutter]);
    await admin.end();

    expect(new Set(acknowledged).size).toBe(60);
    const stored = await gw.db.trackingEvent.groupBy({ by: ["eventId"], where: { shipment: { shipmentNumber: "CUT-1" } }, _count: true });
    expect(stored).toHaveLength(60);
    expect(stored.every((row) => row._count === 1)).toBe(true);
    const shipment = await gw.db.shipment.findFirstOrThrow({ where: { shipmentNumber: "CUT-1" } });
    expect(shipment.version).toBe(61); // one version per event: nothing applied twice
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
  }, 60_000);
});

/** A TCP path to a database that can be cut: every connection through it dropped, new ones refused. */
async function cuttablePath(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket.on("error", () => {}).on("close", () => sockets.delete(socket)));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(databaseUrl);
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe("a subscription update whose data cannot be loaded for an outage", () => {
  it("is not sent as an error in its place (the client could not resume before it): the socket closes with 1013", async () => {
    const database = await createTestDatabase();
    const path = await cuttablePath(database.url);
    const { db, pool } = createDb({ url: path.url });
    const app = createApp({
      db,
      pool,
      logger: pino({ level: "silent" }),
      rateLimit: { points: 1000, durationSeconds: 60 },
      production: true,
    });
    const url = `http://127.0.0.1:${await app.listen(0, "127.0.0.1")}/graphql`;
    try {
      const { basic } = await issueKeys(db, { id: "outage" });
      const auth = { authorization: basicHeader(basic.keyId, basic.secret) };
      const created = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: JSON.stringify({
          query: 'mutation { createShipment(input: { shipmentNumber: "OUT-1", cartons: [{ trackingNumber: "1ZOUT0000001" }] }) { id } }',
        }),
      });
      const shipmentId = (await db.shipment.findFirstOrThrow({ where: { shipmentNumber: "OUT-1" } })).id;
      expect(created.status).toBe(200);
      const client = connect(url, auth);
      const closed = new Promise<CloseEvent>((resolve) => client.on("closed", (event) => resolve(event as CloseEvent)));
      const subscriber = await subscribe(client, "subscription { trackingUpdated { sequence shipment { shipmentNumber } } }");

      path.cut();
      // The tenant's first change, as the relay would publish it: loading its shipment now fails.
      await app.services.pubsub.publish({
        tenantId: "outage",
        sequence: 1,
        shipmentId,
        version: 2,
        source: "PUSH",
        previousStatus: null,
        status: null,
        eventIds: [],
        trackingNumbers: ["1ZOUT0000001"],
      });
      const outcome = await Promise.race([closed.then((event) => event.code), subscriber.waitFor(1, 20_000)]);
      expect(outcome).toBe(1013);
      expect(subscriber.received).toEqual([]);
      await client.dispose();
    } finally {
      await app.close();
      await db.$disconnect().catch(() => undefined);
      await path.close();
      await database.drop();
    }
  }, 60_000);
});

describe("a database out of reach", () => {
  let app: ReturnType<typeof createApp>;
  let url: string;
  beforeAll(async () => {
    const nobodyListens = await freePort();
    app = createApp({
      ...createDb({ url: `postgres://postgres@127.0.0.1:${nobodyListens}/postgres` }),
      logger: pino({ level: "silent" }),
      rateLimit: { points: 1000, durationSeconds: 60 },
      production: true,
    });
    url = `http://127.0.0.1:${await app.listen(0, "127.0.0.1")}`;
  });
  afterAll(() => app.close());

  it("GraphQL: 503 SERVICE_UNAVAILABLE with Retry-After and the request id, not a masked 500", async () => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer whatever", "x-request-id": "req-fault-1" },
      body: JSON.stringify({ query: "{ shipments(first: 1) { totalCount } }" }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("x-request-id")).toBe("req-fault-1");
    const body = await res.json();
    expect(body.errors).toEqual([
      {
        message: "The service is temporarily unavailable; retry shortly",
        extensions: { code: "SERVICE_UNAVAILABLE", type: "service_unavailable", retryAfter: 2, requestId: "req-fault-1" },
      },
    ]);
  });

  it("REST: 503 service_unavailable with Retry-After", async () => {
    const res = await fetch(`${url}/shipments/ship_1/sync`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    const body = await res.json();
    expect(body.error).toMatchObject({ type: "service_unavailable", message: "The service is temporarily unavailable; retry shortly" });
    expect(body.error.requestId).toBeUndefined(); // REST has it as the x-request-id header only
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("graphql-ws: the connection closes with 1013 (try again later), not 4403 Forbidden", async () => {
    const client = connect(`${url}/graphql`, { authorization: "Bearer whatever" });
    const closed = new Promise<CloseEvent>((resolve) => client.on("closed", (event) => resolve(event as CloseEvent)));
    client.subscribe({ query: "subscription { trackingUpdated { version } }" }, { next: () => {}, error: () => {}, complete: () => {} });
    const event = await closed;
    expect(event.code).toBe(1013);
    expect(event.reason).toBe("Service unavailable; retry shortly");
    await client.dispose();
  });

  it("/readyz says so with 503; /healthz (the process) stays 200", async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe.skipIf(!redisServerInstalled())("a Redis outage under the shared rate limiter", () => {
  let redis: PrivateRedis;
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    gw = await startTestGateway({ redisUrl: redis.url, rateLimitPoints: 5 });
    auth = (await gw.tenant("acme")).basic;
  });
  afterAll(async () => {
    await gw.close();
    await redis.kill();
  });

  it("keeps answering from the in-memory insurance limiter, which still limits; Redis counts again once back", async () => {
    const query = "{ shipments(first: 1) { totalCount } }";
    expect((await gw.graphql(query, {}, auth)).status).toBe(200);
    await redis.kill();
    const during = [];
    for (let i = 0; i < 7; i++) during.push((await gw.graphql(query, {}, auth)).status);
    // A fresh budget of 5 per instance in memory: the outage neither fails requests nor lifts the limit.
    expect(during).toEqual([200, 200, 200, 200, 200, 429, 429]);
    await redis.restart();
    const probe = redisPair(redis.url).publish;
    await probe.ping();
    probe.disconnect();
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await gw.graphql(query, {}, (await gw.tenant(`after-${i}`)).basic)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  }, 30_000);
});

describe("what operators see", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it("returns the caller's x-request-id, or a new one, on every response and in every error", async () => {
    const given = await gw.graphql("{ shipments(first: 1) { totalCount } }", {}, { "x-request-id": "abc-123" });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    expect(given.body.errors![0]!.extensions).toMatchObject({ code: "UNAUTHENTICATED", requestId: "abc-123" });
    const made = await gw.graphql("{ shipments(first: 1) { totalCount } }", {}, { "x-request-id": "bad id with spaces" });
    const id = made.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.errors![0]!.extensions!.requestId).toBe(id);
  });

  it("exposes Prometheus metrics: requests by operation and outcome, latency, pool, subscriptions, relay hooks", async () => {
    const auth = (await gw.tenant("metrics")).basic;
    await gw.graphql("query CountShipments { shipments(first: 1) { totalCount } }", {}, auth);
    await gw.graphql("query CountShipments { shipments(first: 1) { totalCount } }", {}, {});
    const res = await fetch(gw.url.replace("/graphql", "/metrics"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/gateway_graphql_requests_total\{operation="CountShipments",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/gateway_graphql_requests_total\{operation="refused",outcome="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/gateway_graphql_request_duration_seconds_count\{operation="CountShipments"\} [1-9]/);
    expect(text).toMatch(/gateway_db_pool_connections\{state="total"\} [1-9]/);
    for (const name of [
      "gateway_subscriptions_open",
      "gateway_publish_lag_seconds",
      "gateway_outbox_depth",
      "gateway_http_responses_total",
      "process_resident_memory_bytes",
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});

describe("shutting an instance down", () => {
  it("finishes the request in flight, tells subscribers 1001 (going away), then closes", async () => {
    const gw = await startTestGateway();
    const auth = (await gw.tenant("acme")).basic;
    await gw.graphql(
      'mutation { createShipment(input: { shipmentNumber: "BUSY-1", cartons: [{ trackingNumber: "1ZBUSY000001" }] }) { id } }',
      {},
      auth,
    );
    const client = connect(gw.url, auth);
    const closeCode = new Promise<number>((resolve) => client.on("closed", (event) => resolve((event as CloseEvent).code)));
    await subscribe(client, "subscription { trackingUpdated { version } }");

    // Hold the shipment's row so the write below waits on it, in flight, when the close begins.
    const holder = new pg.Client({ connectionString: gw.databaseUrl });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "Shipment" WHERE "shipmentNumber" = 'BUSY-1' FOR UPDATE`);
    const tracking = [{ event: "arrived at hub", eventId: "busy-1", eventRecordedAt: "2024-01-01T00:00:00Z" }];
    const inFlight = gw.graphql(UPDATE_TRACKING, { input: { shipmentNumber: "BUSY-1", trackingNumber: "1ZBUSY000001", tracking } }, auth);
    await new Promise((r) => setTimeout(r, 300));
    const closing = gw.close();
    await new Promise((r) => setTimeout(r, 300));
    await holder.query("COMMIT");
    await holder.end();

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.data.updateTracking.appliedEvents).toEqual([{ eventId: "busy-1" }]);
    expect(await closeCode).toBe(1001);
    await closing;
    await client.dispose();
  }, 30_000);
});
