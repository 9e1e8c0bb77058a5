/**
 * nested: `shipments(first: 20)` with cartons, items and each carton's last 10 tracking events,
 * through the gateway with authentication, against a hand-written `pg` handler producing the same
 * JSON from the same rows. Figures: throughput ratio (target ≥ 0.9), SQL statements per request,
 * which must not grow with the page size (target: constant, ≤ 4), p99 at saturation (target ≤ 1.5×
 * the reference's) and at a steady rate below it (target ≤ 2× p50, see steady.ts). A second
 * reference, PostGraphile v5 on the same database, is what a generic SQL-compiling GraphQL server
 * achieves (target ≥ 1.0).
 * Separately, and not the target: the same page with the response cache on, against the same pg
 * reference (which caches nothing), in memory and, with REDIS_URL, in Redis.
 */
import { JSON_HEADERS, post, type BenchContext, type ScenarioResult, type ServerHandle } from "./runner.js";
import { countingPool, readBody, startHttp, type BenchServer } from "./server-kit.js";
import { ratioRow, summarize, type Row } from "./stats.js";
import { knobs } from "./knobs.js";
import type { LoadResult } from "./load-child.js";
import { STEADY_SHARE, steadyRows, steadyRuns } from "./steady.js";
import {
  gatewayCounts,
  POSTGRAPHILE_QUERY,
  POSTGRAPHILE_RUNTIME_NOTE,
  POSTGRAPHILE_VERSION,
  postgraphileCounts,
  type Counts,
} from "./postgraphile.js";

export const NESTED_QUERY = /* GraphQL */ `query Nested($first: Int!) {
  shipments(first: $first) {
    nodes {
      id shipmentNumber version statusCode trackingStatus shipmentCourier
      cartons {
        trackingNumber trackingStatus
        items { sku shippedQuantity }
        trackingEvents(last: 10) { eventId event eventRecordedAt location status }
      }
    }
  }
}`;

const body = (first: number) => JSON.stringify({ query: NESTED_QUERY, variables: { first } });

interface ReferenceOptions {
  url: string;
  tenantId: string;
  authorization: string;
  contentType: string;
}

/**
 * The reference: what a careful hand-written handler does. One query for the page, then cartons,
 * items and the last 10 events per carton (LATERAL … LIMIT) in parallel, keyed by the page's
 * shipment ids; JSON assembled in the selection's field order. The credential check is a string
 * comparison, as cheap as the gateway's cached verification.
 */
export async function startNestedReference(options: ReferenceOptions): Promise<BenchServer> {
  const counted = countingPool(options.url);
  const { pool } = counted;
  const page = async (first: number) => {
    const shipments = (
      await pool.query(
        `SELECT id, "shipmentNumber", version, "statusCode", "trackingStatus", "shipmentCourier" FROM "Shipment"
         WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT $2`,
        [options.tenantId, first],
      )
    ).rows;
    const ids = shipments.map((s) => s.id);
    const [cartons, items, events] = await Promise.all([
      pool.query(
        `SELECT id, "shipmentId", "trackingNumber", "trackingStatus" FROM "Carton" WHERE "shipmentId" = ANY($1) ORDER BY position`,
        [ids],
      ),
      pool.query(
        `SELECT i."cartonId", i.sku, i."shippedQuantity" FROM "Item" i JOIN "Carton" c ON c.id = i."cartonId"
         WHERE c."shipmentId" = ANY($1) ORDER BY i.position`,
        [ids],
      ),
      pool.query(
        `SELECT e."cartonId", e."eventId", e.event, e."eventRecordedAt", e.location, e.status FROM "Carton" c
         CROSS JOIN LATERAL (SELECT * FROM "TrackingEvent" t WHERE t."cartonId" = c.id ORDER BY t."eventRecordedAt" DESC, t.id DESC LIMIT 10) e
         WHERE c."shipmentId" = ANY($1) ORDER BY e."eventRecordedAt", e.id`,
        [ids],
      ),
    ]);
    const byCarton = <T>(rows: { cartonId: string }[], shape: (row: any) => T) => {
      const map = new Map<string, T[]>();
      for (const row of rows) (map.get(row.cartonId) ?? map.set(row.cartonId, []).get(row.cartonId)!).push(shape(row));
      return map;
    };
    const itemsOf = byCarton(items.rows, (i) => ({ sku: i.sku, shippedQuantity: i.shippedQuantity }));
    const eventsOf = byCarton(events.rows, (e) => ({
      eventId: e.eventId,
      event: e.event,
      eventRecordedAt: (e.eventRecordedAt as Date).toISOString(),
      location: e.location,
      status: e.status,
    }));
    const cartonsOf = new Map<string, unknown[]>();
    for (const c of cartons.rows) {
      const list = cartonsOf.get(c.shipmentId) ?? cartonsOf.set(c.shipmentId, []).get(c.shipmentId)!;
      list.push({
        trackingNumber: c.trackingNumber,
        trackingStatus: c.trackingStatus,
        items: itemsOf.get(c.id) ?? [],
        trackingEvents: eventsOf.get(c.id) ?? [],
      });
    }
    const nodes = shipments.map((s) => ({
      id: s.id,
      shipmentNumber: s.shipmentNumber,
      version: s.version,
      statusCode: s.statusCode,
      trackingStatus: s.trackingStatus,
      shipmentCourier: s.shipmentCourier,
      cartons: cartonsOf.get(s.id) ?? [],
    }));
    return JSON.stringify({ data: { shipments: { nodes } } });
  };
  return startHttp(async (req, res) => {
    try {
      const request = JSON.parse(await readBody(req));
      if (req.headers.authorization !== options.authorization) return res.writeHead(401).end();
      const json = Buffer.from(await page(request.variables.first));
      res.writeHead(200, { "content-type": options.contentType, "content-length": json.length }).end(json);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }, counted);
}

/** Statements per request, from `count` sequential requests (exact: nothing else runs meanwhile). */
async function statementsPerRequest(server: ServerHandle, headers: Record<string, string>, first: number, count = 10) {
  const before = (await server.stats()).statements;
  for (let i = 0; i < count; i++) await post(server.url, headers, body(first));
  return ((await server.stats()).statements - before) / count;
}

const countsText = (c: Counts) => `${c.shipments} shipments, ${c.cartons} cartons, ${c.items} items, ${c.events} events`;

/**
 * Gateway against PostGraphile v5, A B A B …: the same page and the same row counts, its own query.
 * A PostGraphile that cannot start here is reported and skipped, not failed.
 */
/** The issue's tail target for nested reads: the gateway's p99 within 1.5× the reference's, pair by pair. */
function p99Row(figure: string, gateway: LoadResult[], reference: LoadResult[]): Row {
  return ratioRow(
    "nested",
    figure,
    gateway.map((r) => r.latencyP99),
    reference.map((r) => r.latencyP99),
    { text: "≤ 1.5", ok: (ratio) => ratio <= 1.5 },
  );
}

async function againstPostGraphile(ctx: BenchContext, gateway: ServerHandle, expected: string): Promise<{ rows: Row[]; details: unknown }> {
  const tenant = ctx.seeded.nested;
  const figure = `shipments(first: 20) req/s vs PostGraphile ${POSTGRAPHILE_VERSION}`;
  let postgraphile: ServerHandle;
  try {
    postgraphile = await ctx.startServer("postgraphile", "postgraphile", { url: ctx.databaseUrl, authorization: tenant.authorization });
  } catch (error) {
    const reason = `PostGraphile ${POSTGRAPHILE_VERSION} does not start on node ${process.version}: ${String(error).split("\n")[0]}`;
    ctx.log(`nested: skipped, ${reason}`);
    return {
      rows: [{ scenario: "nested", figure, gateway: summarize([Number.NaN]), comparison: "skipped", target: "≥ 1.0", note: reason }],
      details: { skipped: reason },
    };
  }
  try {
    const headers = { ...JSON_HEADERS, authorization: tenant.authorization };
    const pglBody = JSON.stringify({ query: POSTGRAPHILE_QUERY, variables: { tenantId: tenant.id, first: 20 } });
    const answer = await post(postgraphile.url, headers, pglBody);
    if (answer.status !== 200 || answer.body.includes('"errors"'))
      throw new Error(`nested: PostGraphile answered ${answer.status} ${answer.body.slice(0, 500)}`);
    const counts = { gateway: gatewayCounts(expected), postgraphile: postgraphileCounts(answer.body) };
    const sameCounts = countsText(counts.gateway) === countsText(counts.postgraphile);
    ctx.log(
      `nested: PostGraphile ${POSTGRAPHILE_VERSION}${POSTGRAPHILE_RUNTIME_NOTE ? ` on ${POSTGRAPHILE_RUNTIME_NOTE}` : ""}: ${countsText(counts.postgraphile)} (gateway: ${countsText(counts.gateway)})`,
    );
    const before = (await postgraphile.stats()).statements;
    await post(postgraphile.url, headers, pglBody);
    const statements = (await postgraphile.stats()).statements - before;
    const { a, b } = await ctx.interleave(
      "nested vs PostGraphile",
      knobs.pairs,
      (warmUp) => ctx.runLoad(gateway, { headers, body: body(20) }, warmUp ? knobs.warmupSeconds : knobs.seconds),
      (warmUp) => ctx.runLoad(postgraphile, { headers, body: pglBody }, warmUp ? knobs.warmupSeconds : knobs.seconds),
      (r) => `${r.throughput.toFixed(0)} req/s`,
    );
    const errors = [...a, ...b].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    const row = ratioRow(
      "nested",
      figure,
      a.map((r) => r.throughput),
      b.map((r) => r.throughput),
      { text: "≥ 1.0", ok: (ratio) => ratio >= 1 },
    );
    const notes = [POSTGRAPHILE_RUNTIME_NOTE, `${statements} SQL statement(s) / request`];
    if (!sameCounts || errors) {
      row.met = false;
      notes.push(`same counts: ${sameCounts}; failed requests: ${errors}`);
    }
    row.note = notes.filter(Boolean).join("; ");
    const tail = p99Row(`shipments(first: 20) p99 ms vs PostGraphile ${POSTGRAPHILE_VERSION}`, a, b);
    return { rows: [row, tail], details: { counts, sameCounts, statements, responseBytes: answer.body.length, gateway: a, reference: b } };
  } finally {
    await postgraphile.stop();
  }
}

/**
 * A gateway with the response cache on, A B A B … against the running pg reference. Nothing writes
 * meanwhile, so after the first request every answer is a cache hit: the figure is the path of a
 * hit, not of a workload with writes.
 */
async function cachedAgainstReference(
  ctx: BenchContext,
  reference: ServerHandle,
  headers: Record<string, string>,
  expected: string,
  store: "memory" | "redis",
): Promise<{ rows: Row[]; details: unknown }> {
  const gateway = await ctx.startServer(`gateway-cached-${store}`, "gateway", {
    url: ctx.databaseUrl,
    redisUrl: store === "redis" ? ctx.redisUrl : undefined,
    responseCache: store,
  });
  try {
    const answer = await post(gateway.url, headers, body(20));
    const sameJson = answer.body === expected;
    const statements = await statementsPerRequest(gateway, headers, 20);
    const run = (server: ServerHandle) => (warmUp: boolean) =>
      ctx.runLoad(server, { headers, body: body(20) }, warmUp ? knobs.warmupSeconds : knobs.seconds);
    const { a, b } = await ctx.interleave(
      `nested cached (${store})`,
      knobs.pairs,
      run(gateway),
      run(reference),
      (r) => `${r.throughput.toFixed(0)} req/s`,
    );
    const errors = [...a, ...b].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    const throughput = ratioRow(
      "nested cached",
      `shipments(first: 20) req/s, response cache in ${store} (every request a hit)`,
      a.map((r) => r.throughput),
      b.map((r) => r.throughput),
    );
    throughput.note = `same JSON: ${sameJson}; failed requests: ${errors}`;
    const sql: Row = {
      scenario: "nested cached",
      figure: `SQL statements / request, response cache in ${store}`,
      gateway: summarize([statements]),
      comparison: "after the first request",
    };
    return { rows: [throughput, sql], details: { store, sameJson, statements, gateway: a, reference: b } };
  } finally {
    await gateway.stop();
  }
}

export async function nested(ctx: BenchContext): Promise<ScenarioResult> {
  const tenant = ctx.seeded.nested;
  const headers = { ...JSON_HEADERS, authorization: tenant.authorization };
  const gateway = await ctx.startServer("gateway", "gateway", { url: ctx.databaseUrl });
  const expected = await post(gateway.url, headers, body(20));
  if (expected.status !== 200 || expected.body.includes('"errors"'))
    throw new Error(`nested: gateway answered ${expected.status} ${expected.body.slice(0, 500)}`);
  const reference = await ctx.startServer("pg-nested", "pg-nested", {
    url: ctx.databaseUrl,
    tenantId: tenant.id,
    authorization: tenant.authorization,
    contentType: expected.contentType,
  } satisfies ReferenceOptions);
  try {
    const produced = await post(reference.url, headers, body(20));
    const sameJson = produced.body === expected.body;
    if (!sameJson)
      ctx.log(`nested: reference JSON differs!\n gateway:   ${expected.body.slice(0, 400)}\n reference: ${produced.body.slice(0, 400)}`);
    // Warm the credential cache first: the figure is the query's own statements.
    const statements = {
      gateway: { first1: await statementsPerRequest(gateway, headers, 1), first20: await statementsPerRequest(gateway, headers, 20) },
      reference: { first1: await statementsPerRequest(reference, headers, 1), first20: await statementsPerRequest(reference, headers, 20) },
    };
    const run = (server: ServerHandle) => (warmUp: boolean) =>
      ctx.runLoad(server, { headers, body: body(20) }, warmUp ? knobs.warmupSeconds : knobs.seconds);
    const { a, b } = await ctx.interleave("nested", knobs.pairs, run(gateway), run(reference), (r) => `${r.throughput.toFixed(0)} req/s`);
    const steady = await steadyRuns(
      ctx,
      "nested",
      { gateway, reference },
      { headers, body: body(20) },
      a.map((r) => r.throughput),
    );
    const errors = [...a, ...b].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    const throughput = ratioRow(
      "nested",
      "shipments(first: 20) req/s",
      a.map((r) => r.throughput),
      b.map((r) => r.throughput),
      {
        text: "≥ 0.9",
        ok: (ratio) => ratio >= 0.9,
      },
    );
    if (!sameJson || errors) {
      throughput.met = false;
      throughput.note = `same JSON: ${sameJson}; failed requests: ${errors}`;
    }
    const g = statements.gateway;
    const sql: Row = {
      scenario: "nested",
      figure: "SQL statements / request",
      gateway: summarize([g.first20]),
      reference: summarize([statements.reference.first20]),
      comparison: `first: 1 → ${g.first1}, first: 20 → ${g.first20}`,
      target: "constant, ≤ 4",
      met: g.first1 === g.first20 && g.first20 <= 4,
    };
    const cached = [];
    for (const store of ctx.redisUrl ? (["memory", "redis"] as const) : (["memory"] as const))
      cached.push(await cachedAgainstReference(ctx, reference, headers, expected.body, store));
    await reference.stop();
    const vsPostGraphile = await againstPostGraphile(ctx, gateway, expected.body);
    return {
      rows: [
        throughput,
        p99Row("shipments(first: 20) p99 ms", a, b),
        ...steadyRows(
          "nested",
          (p) => `shipments(first: 20) ${p} ms, steady at ${STEADY_SHARE * 100}% of saturation`,
          steady,
          "pg reference",
        ),
        ...vsPostGraphile.rows,
        sql,
        ...cached.flatMap((c) => c.rows),
      ],
      details: {
        sameJson,
        responseBytes: expected.body.length,
        statements,
        gateway: a,
        reference: b,
        steady,
        postgraphile: vsPostGraphile.details,
        cached: cached.map((c) => c.details),
      },
    };
  } finally {
    await Promise.all([gateway.stop(), reference.stop()]);
  }
}
