/**
 * The response cache (RESPONSE_CACHE) over real HTTP and PostgreSQL: a repeated query is answered
 * without a single SQL statement, every write path (updateTracking, createShipment, a courier sync)
 * shows in the next read, a write leaves the cached lookups of other shipments alone, and tenants
 * never share answers. Each case runs on the in-process store, and on Redis when REDIS_URL is set
 * (.ci/run sets it), where two instances share one cache: without Redis there is nothing to share
 * it through, so those cases skip.
 */
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { parse, type OperationDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConfigError, parseConfig } from "../src/config.js";
import { ResponseCache } from "../src/graphql/response-cache/response-cache.js";
import { memoryStore, redisStore } from "../src/graphql/response-cache/store.js";
import { CreateShipmentDocument, UpdateTrackingDocument, type CreateShipmentInput } from "./generated/graphql.js";
import {
  expectNoErrors,
  redisPair,
  startSecondInstance,
  startTestGateway,
  type GraphQLResponse,
  type SecondInstance,
  type TestGateway,
} from "./support/gateway.js";
import { SYNC } from "./support/sync-operations.js";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.warn("[response-cache] Redis cases skipped: REDIS_URL is not set, so there is no Redis to share the cache through");

const TTL_MS = 60_000;

/** Planned (one statement) when nothing else is asked for. */
const LIST = `{ shipments(first: 10) { nodes { id shipmentNumber trackingStatus cartons { trackingNumber trackingStatus trackingEvents(last: 5) { event } } } } }`;
/** Not planned (`totalCount`): answered by the normal path. */
const COUNTED = "{ shipments(first: 10) { totalCount nodes { shipmentNumber } } }";
const BY_ID = `query ($id: ID!) { shipment(id: $id) { id version trackingStatus cartons { trackingStatus signedBy trackingEvents(last: 5) { event } } } }`;
const BY_NUMBER = "query ($number: String!) { shipmentByNumber(shipmentNumber: $number) { id } }";

/** An answer, and how many SQL statements the instance sent for it. */
async function counted(statements: string[], send: () => Promise<GraphQLResponse>) {
  statements.length = 0;
  const response = await send();
  return { data: expectNoErrors(response), statements: statements.length };
}

const stores = [{ store: "memory" as const }, ...(REDIS_URL ? [{ store: "redis" as const }] : [])];

describe.each(stores)("response cache in $store", ({ store }) => {
  let gw: TestGateway;
  let acme: Record<string, string>;
  let globex: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway({ redisUrl: store === "redis" ? REDIS_URL : undefined, responseCache: { store, ttlMs: TTL_MS } });
    // Tenants of this run only: a Redis server may hold other runs' answers.
    const run = randomUUID().slice(0, 8);
    acme = (await gw.tenant(`acme-${run}`)).basic;
    globex = (await gw.tenant(`globex-${run}`)).basic;
  });
  afterAll(() => gw.close());

  const read = (query: string, variables: Record<string, unknown> = {}, headers = acme) =>
    counted(gw.statements, () => gw.graphql(query, variables, headers));
  const create = async (input: CreateShipmentInput, headers = acme) =>
    expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, headers)).createShipment.id;
  const push = async (shipmentNumber: string, trackingNumber: string, event: string, at: string) =>
    expectNoErrors(
      await gw.execute(
        UpdateTrackingDocument,
        { input: { shipmentNumber, trackingNumber, tracking: [{ event, eventRecordedAt: at }] } },
        acme,
      ),
    );
  /** Reads twice: the second answer must come from the cache, without SQL. */
  const cached = async (query: string, variables: Record<string, unknown> = {}, headers = acme) => {
    const first = await read(query, variables, headers);
    const again = await read(query, variables, headers);
    expect(again).toEqual({ data: first.data, statements: 0 });
    return first;
  };

  it("answers a repeated query from the cache without SQL, planned or not", async () => {
    await create({ shipmentNumber: "C-1", cartons: [{ trackingNumber: "1ZCACHE00001" }] });
    const first = await cached(LIST);
    // The read plan still made the first answer: one statement.
    expect(first.statements).toBe(1);
    expect(first.data.shipments.nodes.map((s: { shipmentNumber: string }) => s.shipmentNumber)).toContain("C-1");
    const normal = await cached(COUNTED);
    expect(normal.statements).toBeGreaterThan(1);
  });

  it("shows updateTracking in the next read of lists and of the shipment itself", async () => {
    const id = await create({ shipmentNumber: "C-2", cartons: [{ trackingNumber: "1ZCACHE00002" }] });
    await cached(LIST);
    await cached(BY_ID, { id });
    await push("C-2", "1ZCACHE00002", "Delivered", "2024-03-01T10:00:00Z");
    const list = await read(LIST);
    expect(list.statements).toBeGreaterThan(0);
    const listed = list.data.shipments.nodes.find((s: { id: string }) => s.id === id);
    expect(listed.trackingStatus).toBe("DELIVERED");
    expect(listed.cartons[0].trackingEvents).toEqual([{ event: "Delivered" }]);
    const byId = await read(BY_ID, { id });
    expect(byId.statements).toBeGreaterThan(0);
    expect(byId.data.shipment).toMatchObject({ version: 2, trackingStatus: "DELIVERED", cartons: [{ trackingStatus: "DELIVERED" }] });
  });

  it("shows createShipment in the next read of lists, counts and lookups by number", async () => {
    await cached(COUNTED);
    // A lookup that finds nothing is an error (NOT_FOUND), so it is never cached.
    const missing = await gw.graphql(BY_NUMBER, { number: "C-3" }, acme);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const before = (await read(COUNTED)).data.shipments.totalCount;
    const id = await create({ shipmentNumber: "C-3" });
    const after = await read(COUNTED);
    expect(after.data.shipments.totalCount).toBe(before + 1);
    expect(after.data.shipments.nodes.map((s: { shipmentNumber: string }) => s.shipmentNumber)).toContain("C-3");
    expect((await read(BY_NUMBER, { number: "C-3" })).data.shipmentByNumber).toEqual({ id });
  });

  it("shows a courier sync in the next read", async () => {
    const id = await create({
      shipmentNumber: "C-SIM",
      shipmentCourier: "simulator",
      shipmentTrackingNumber: "EZ3000000003",
      cartons: [{ trackingNumber: "EZ3000000003", shipmentCarrier: "SIMULATOR" }],
    });
    const before = await cached(BY_ID, { id });
    expect(before.data.shipment.cartons[0].trackingEvents).toEqual([]);
    const synced = expectNoErrors(await gw.graphql(SYNC, { id }, acme)).syncShipmentTracking;
    const after = await read(BY_ID, { id });
    expect(after.statements).toBeGreaterThan(0);
    expect(after.data.shipment).toMatchObject({ version: synced.version, trackingStatus: synced.trackingStatus });
    expect(after.data.shipment.cartons[0].trackingEvents.length).toBeGreaterThan(0);
  });

  it("keeps a cached lookup by id when another shipment changes", async () => {
    const changing = await create({ shipmentNumber: "C-4", cartons: [{ trackingNumber: "1ZCACHE00004" }] });
    const untouched = await create({ shipmentNumber: "C-5", cartons: [{ trackingNumber: "1ZCACHE00005" }] });
    await cached(BY_ID, { id: changing });
    const kept = await cached(BY_ID, { id: untouched });
    const pushed = await push("C-4", "1ZCACHE00004", "Picked up", "2024-03-02T10:00:00Z");
    expect(await read(BY_ID, { id: untouched })).toEqual({ data: kept.data, statements: 0 });
    expect((await read(BY_ID, { id: changing })).data.shipment.version).toBe(2);
    // An event is never changed, only added: its lookup has no row a write could change.
    const event = await cached("query ($id: ID!) { node(id: $id) { ... on TrackingEvent { event } } }", {
      id: pushed.updateTracking.appliedEvents[0]!.id,
    });
    expect(event.data.node).toEqual({ event: "Picked up" });
  });

  it("never answers one tenant with another tenant's cached answer", async () => {
    await create({ shipmentNumber: "G-1" }, globex);
    const mine = await cached(LIST);
    const theirs = await read(LIST, {}, globex);
    expect(theirs.statements).toBeGreaterThan(0);
    expect(theirs.data.shipments.nodes.map((s: { shipmentNumber: string }) => s.shipmentNumber)).toEqual(["G-1"]);
    expect(mine.data.shipments.nodes.map((s: { shipmentNumber: string }) => s.shipmentNumber)).not.toContain("G-1");
    expect(await read(LIST)).toEqual({ data: mine.data, statements: 0 });
  });

  it("never caches mutations or answers with errors", async () => {
    const input = { shipmentNumber: "C-6" };
    await create(input);
    const again = await gw.execute(CreateShipmentDocument, { input }, acme);
    expect(again.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const partial = '{ shipments(first: 1) { nodes { id } } node(id: "nope") { id } }';
    for (let i = 0; i < 2; i++) {
      gw.statements.length = 0;
      const response = await gw.graphql(partial, {}, acme);
      expect(response.body.errors).toHaveLength(1);
      expect(gw.statements.length).toBeGreaterThan(0);
    }
  });
});

describe("response cache configuration", () => {
  it("is off unless RESPONSE_CACHE names a store, and Redis's needs REDIS_URL", () => {
    expect(parseConfig({}).responseCache).toBeUndefined();
    expect(parseConfig({ RESPONSE_CACHE: "memory" }).responseCache).toEqual({ store: "memory", ttlMs: 60_000 });
    expect(
      parseConfig({ RESPONSE_CACHE: "redis", REDIS_URL: "redis://cache:6379", RESPONSE_CACHE_TTL_SECONDS: "5" }).responseCache,
    ).toEqual({ store: "redis", ttlMs: 5_000 });
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ RESPONSE_CACHE: "redis" })).toEqual(["RESPONSE_CACHE=redis needs REDIS_URL"]);
    expect(problems({ RESPONSE_CACHE: "disk", RESPONSE_CACHE_TTL_SECONDS: "0" })).toEqual([
      'RESPONSE_CACHE_TTL_SECONDS must be an integer from 1 to 86400 (got "0")',
      'RESPONSE_CACHE must be off, memory or redis (got "disk")',
    ]);
  });
});

describe.each(stores)("response cache rules in $store", ({ store }) => {
  it("never serves an answer read before a write and stored after it", async () => {
    const redis = store === "redis" ? redisPair(REDIS_URL!).publish : undefined;
    const cache = new ResponseCache(redis ? redisStore(redis) : memoryStore(), TTL_MS, pino({ level: "silent" }));
    const tenantId = `race-${randomUUID().slice(0, 8)}`;
    const operation = parse("{ shipments(first: 1) { nodes { id } } }").definitions[0] as OperationDefinitionNode;
    const answer = { data: { shipments: { nodes: [{ id: "ship_1" }] } } };
    try {
      const slow = cache.forQuery(tenantId, operation);
      expect(await slow.get("key")).toBeUndefined();
      // The write commits and is announced while the slow read is still running.
      await cache.committed({ tenantId, rowIds: ["ship_1"] });
      await slow.set("key", answer, [{ typename: "Shipment", id: "ship_1" }], TTL_MS);
      expect(await cache.forQuery(tenantId, operation).get("key")).toBeUndefined();
      // A read that starts after the write stores an answer that is served.
      const fresh = cache.forQuery(tenantId, operation);
      expect(await fresh.get("key")).toBeUndefined();
      await fresh.set("key", answer, [{ typename: "Shipment", id: "ship_1" }], TTL_MS);
      expect(await cache.forQuery(tenantId, operation).get("key")).toEqual(answer);
    } finally {
      redis?.disconnect();
    }
  });
});

describe.skipIf(!REDIS_URL)("response cache shared by two instances on one Redis", () => {
  let a: TestGateway;
  let b: SecondInstance;
  beforeAll(async () => {
    a = await startTestGateway({ redisUrl: REDIS_URL, responseCache: { store: "redis", ttlMs: TTL_MS } });
    b = await startSecondInstance(a, REDIS_URL!, { responseCache: { store: "redis", ttlMs: TTL_MS } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });
  const onB = (query: string, headers: Record<string, string>) => counted(b.statements, () => b.graphql(query, {}, headers));

  it("serves one instance's cached answer on the other, and a write on one invalidates the other's next read", async () => {
    const acme = (await a.tenant(`acme-${randomUUID().slice(0, 8)}`)).basic;
    const input = { shipmentNumber: "X-1", cartons: [{ trackingNumber: "1ZSHARED0001" }] };
    expectNoErrors(await a.execute(CreateShipmentDocument, { input }, acme));
    const first = await onB(LIST, acme);
    expect(first.statements).toBeGreaterThan(0);
    expect(await onB(LIST, acme)).toEqual({ data: first.data, statements: 0 });
    // Cached by B, answered by A without SQL: one cache.
    expect(await counted(a.statements, () => a.graphql(LIST, {}, acme))).toEqual({ data: first.data, statements: 0 });

    const tracking = [{ event: "Out for delivery", eventRecordedAt: "2024-03-03T08:00:00Z" }];
    expectNoErrors(
      await a.execute(UpdateTrackingDocument, { input: { shipmentNumber: "X-1", trackingNumber: "1ZSHARED0001", tracking } }, acme),
    );
    const after = await onB(LIST, acme);
    expect(after.statements).toBeGreaterThan(0);
    expect(after.data.shipments.nodes[0]).toMatchObject({
      shipmentNumber: "X-1",
      trackingStatus: "OUT_FOR_DELIVERY",
      cartons: [{ trackingEvents: [{ event: "Out for delivery" }] }],
    });
  });
});
