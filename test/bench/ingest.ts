/**
 * ingest: `updateTracking` with 10 events per request (20% duplicates, 30% out of order; see
 * ingest-traffic.ts) through the gateway, against a hand-written `pg` handler doing the same work in
 * one transaction: lock the shipment, insert the events with ON CONFLICT DO NOTHING, re-derive the
 * carton's status from its events in time order (the product's own status rules), update carton and
 * shipment, write the audit entry. Figures: events applied per second (ratio target ≥ 0.7), SQL
 * statements per request, and a check that no acknowledged event was lost or applied twice.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { StatusCode } from "../../src/generated/prisma/enums.js";
import { newId } from "../../src/shipments/ids.js";
import { carrierKey, dedupeKey } from "../../src/tracking/identity.js";
import { deriveStatus, normalizeEventWords, rollUp, type NormalizedStatus } from "../../src/tracking/status.js";
import type { WireEvent } from "./ingest-traffic.js";
import { JSON_HEADERS, type BenchContext, type ScenarioResult, type ServerHandle } from "./runner.js";
import { countingPool, readBody, startHttp, type BenchServer } from "./server-kit.js";
import { ratioRow, summarize, type Row } from "./stats.js";
import { knobs } from "./knobs.js";
import type { LoadResult } from "./load-child.js";
import { postgresCpuMicros } from "./postgres-cpu.js";

interface ReferenceOptions {
  url: string;
  tenantId: string;
  authorization: string;
}

interface Input {
  shipmentNumber: string;
  trackingNumber: string;
  tracking: WireEvent[];
}

const INSERT_EVENTS = `INSERT INTO "TrackingEvent" (id, "tenantId", "shipmentId", "cartonId", carrier, "dedupeKey", "eventId", event,
    "eventRecordedAt", location, "notesDescription", "shipmentCarrier", status, substatus, source, "shipmentVersion")
  SELECT e.id, $1, $2, $3, e.carrier, e.key, e.event_id, e.event, e.at, e.location, e.notes, e.carrier_name, e.status, e.substatus, 'PUSH', $4
  FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::text[],
    $14::"TrackingStatus"[], $15::text[]) AS e(id, carrier, key, event_id, event, at, location, notes, carrier_name, status, substatus)
  ON CONFLICT ("tenantId", carrier, "dedupeKey") DO NOTHING RETURNING "eventId"`;

// Carton status, shipment status and version, and the audit entry in one statement.
const APPLY = `WITH carton AS (
    UPDATE "Carton" SET "trackingStatus" = $2::"TrackingStatus", "trackingSubstatus" = $3 WHERE id = $1
  ), audit AS (
    INSERT INTO "AuditLog" (id, "shipmentId", "auditId", "auditType", source, note, "updatedFields", version, "trackingSource",
      "previousStatusCode", "statusCode", "previousTrackingStatus", "trackingStatus")
    VALUES ($4, $5, $6, 'TRACKING_UPDATE', 'PUSH', $7, '[]', $8, 'PUSH', $9::"StatusCode", $10::"StatusCode", $11::"TrackingStatus", $12::"TrackingStatus")
  )
  UPDATE "Shipment" SET version = $8, "statusCode" = $10::"StatusCode", "trackingStatus" = $12::"TrackingStatus", "trackingSubstatus" = $13, "updatedAt" = now()
  WHERE id = $5 RETURNING version, "statusCode", "trackingStatus"`;

async function apply(client: pg.PoolClient, tenantId: string, input: Input) {
  const cartons = (
    await client.query(
      `SELECT s.id AS "shipmentId", s.version, s."statusCode", s."trackingStatus" AS "shipmentStatus", c.id, c."trackingNumber",
         c."shipmentCarrier", c."trackingStatus", c."trackingSubstatus"
       FROM "Shipment" s JOIN "Carton" c ON c."shipmentId" = s.id
       WHERE s."tenantId" = $1 AND s."shipmentNumber" = $2 FOR UPDATE OF s`,
      [tenantId, input.shipmentNumber],
    )
  ).rows;
  const carton = cartons.find((c) => c.trackingNumber === input.trackingNumber);
  if (!carton) throw new Error("Shipment not found");
  const version = carton.version + 1;
  const rows = input.tracking.map((e) => {
    const at = new Date(e.eventRecordedAt);
    return {
      id: newId("evt"),
      carrier: carrierKey(e.shipmentCarrier ?? carton.shipmentCarrier),
      key: dedupeKey({ ...e, eventRecordedAt: at, trackingNumber: input.trackingNumber }),
      ...e,
      at,
      ...normalizeEventWords(e.event),
    };
  });
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  const inserted = await client.query<{ eventId: string }>(INSERT_EVENTS, [
    tenantId,
    carton.shipmentId,
    carton.id,
    version,
    column("id"),
    column("carrier"),
    column("key"),
    column("eventId"),
    column("event"),
    column("at"),
    column("location"),
    rows.map((r) => r.notes?.description ?? null),
    column("shipmentCarrier"),
    column("status"),
    column("substatus"),
  ]);
  const applied = new Set(inserted.rows.map((r) => r.eventId));
  const duplicateEventIds = input.tracking.map((e) => e.eventId).filter((id) => !applied.has(id));
  if (applied.size === 0) {
    return {
      shipments: [{ version: carton.version, statusCode: carton.statusCode, trackingStatus: carton.shipmentStatus }],
      duplicateEventIds,
    };
  }
  const history = await client.query<NormalizedStatus>(
    `SELECT status, substatus FROM "TrackingEvent" WHERE "cartonId" = $1 ORDER BY "eventRecordedAt", id`,
    [carton.id],
  );
  const status = deriveStatus(history.rows);
  const statuses = cartons.map((c) =>
    c.id === carton.id ? status : c.trackingStatus ? { status: c.trackingStatus, substatus: c.trackingSubstatus } : null,
  );
  const rolled = rollUp(carton.statusCode as StatusCode, statuses);
  const trackingStatus = rolled.tracking?.status ?? carton.shipmentStatus;
  const updated = await client.query(APPLY, [
    carton.id,
    status?.status ?? null,
    status?.substatus ?? null,
    newId("aud"),
    carton.shipmentId,
    randomUUID(),
    `${applied.size} tracking event(s) applied`,
    version,
    carton.statusCode,
    rolled.statusCode,
    carton.shipmentStatus,
    trackingStatus,
    rolled.tracking?.substatus ?? null,
  ]);
  return { shipments: updated.rows, duplicateEventIds };
}

export async function startIngestReference(options: ReferenceOptions): Promise<BenchServer> {
  const counted = countingPool(options.url);
  return startHttp(async (req, res) => {
    const request = JSON.parse(await readBody(req));
    if (req.headers.authorization !== options.authorization) return res.writeHead(401).end();
    const client = await counted.pool.connect();
    try {
      await client.query("BEGIN");
      const payload = await apply(client, options.tenantId, request.variables.input);
      await client.query("COMMIT");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { updateTracking: payload } }));
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
    } finally {
      client.release();
    }
  }, counted);
}

interface Side {
  key: string;
  tenantId: string;
  server: ServerHandle;
  headers: Record<string, string>;
}

/** Acknowledged events missing from the table, and events more than one response claimed to apply. */
async function verify(ctx: BenchContext, side: Side) {
  const score = await ctx.load.call<{ acknowledged: string[]; appliedTwice: string[]; sent: number; failedResponses: number }>(
    "ingestScore",
    side.key,
  );
  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  await client.connect();
  try {
    const stored = new Set(
      (await client.query<{ eventId: string }>(`SELECT "eventId" FROM "TrackingEvent" WHERE "tenantId" = $1`, [side.tenantId])).rows.map(
        (r) => r.eventId,
      ),
    );
    const duplicateRows = (
      await client.query<{ n: number }>(
        `SELECT count(*)::int - count(DISTINCT "eventId")::int AS n FROM "TrackingEvent" WHERE "tenantId" = $1`,
        [side.tenantId],
      )
    ).rows[0]!.n;
    return {
      sent: score.sent,
      acknowledged: score.acknowledged.length,
      stored: stored.size,
      lost: score.acknowledged.filter((id) => !stored.has(id)).length,
      appliedTwice: score.appliedTwice.length + duplicateRows,
      failedResponses: score.failedResponses,
    };
  } finally {
    await client.end();
  }
}

export async function ingest(ctx: BenchContext): Promise<ScenarioResult> {
  const { ingestGateway, ingestReference } = ctx.seeded;
  const gateway = await ctx.startServer("gateway", "gateway", { url: ctx.databaseUrl });
  const reference = await ctx.startServer("pg-ingest", "pg-ingest", {
    url: ctx.databaseUrl,
    tenantId: ingestReference.id,
    authorization: ingestReference.authorization,
  } satisfies ReferenceOptions);
  const sides: Side[] = [
    { key: "G", tenantId: ingestGateway.id, server: gateway, headers: { ...JSON_HEADERS, authorization: ingestGateway.authorization } },
    {
      key: "R",
      tenantId: ingestReference.id,
      server: reference,
      headers: { ...JSON_HEADERS, authorization: ingestReference.authorization },
    },
  ];
  try {
    // Per side, over the measured runs: what the server process did, and for how many requests.
    const totals = {
      G: { statements: 0, cpuMicros: 0, postgresCpuMicros: 0, requests: 0 },
      R: { statements: 0, cpuMicros: 0, postgresCpuMicros: 0, requests: 0 },
    };
    const run =
      (side: Side) =>
      async (warmUp: boolean): Promise<LoadResult> => {
        const before = await side.server.stats();
        const postgresBefore = postgresCpuMicros();
        const result = await ctx.runLoad(
          side.server,
          { headers: side.headers, ingest: side.key },
          warmUp ? knobs.warmupSeconds : knobs.seconds,
        );
        if (!warmUp) {
          const after = await side.server.stats();
          const postgresAfter = postgresCpuMicros();
          const total = totals[side.key as "G" | "R"];
          total.statements += after.statements - before.statements;
          total.cpuMicros += after.cpuMicros - before.cpuMicros;
          if (postgresBefore !== undefined && postgresAfter !== undefined) total.postgresCpuMicros += postgresAfter - postgresBefore;
          total.requests += result.completed;
        }
        return result;
      };
    const perSecond = (r: LoadResult) => r.ingest!.appliedInRun / r.seconds;
    const { a, b } = await ctx.interleave(
      "ingest",
      knobs.pairs,
      run(sides[0]!),
      run(sides[1]!),
      (r) => `${perSecond(r).toFixed(0)} events/s`,
    );
    const checks = { gateway: await verify(ctx, sides[0]!), reference: await verify(ctx, sides[1]!) };
    const rate = ratioRow("ingest", "events applied / s", a.map(perSecond), b.map(perSecond), {
      text: "≥ 0.7",
      ok: (ratio) => ratio >= 0.7,
    });
    const failed = checks.gateway.failedResponses + checks.reference.failedResponses;
    if (failed) rate.note = `${failed} failed responses`;
    type Totals = (typeof totals)["G"];
    const perRequest = (total: Totals, key: "statements" | "cpuMicros" | "postgresCpuMicros") => total[key] / total.requests;
    const cpu: Row = {
      scenario: "ingest",
      figure: "server CPU ms / request",
      gateway: summarize([perRequest(totals.G, "cpuMicros") / 1000]),
      reference: summarize([perRequest(totals.R, "cpuMicros") / 1000]),
      comparison: "user + system time of the server process over the measured runs",
    };
    const postgresCpu: Row = {
      scenario: "ingest",
      figure: "PostgreSQL CPU ms / request",
      gateway: summarize([perRequest(totals.G, "postgresCpuMicros") / 1000]),
      reference: summarize([perRequest(totals.R, "postgresCpuMicros") / 1000]),
      comparison:
        postgresCpuMicros() === undefined
          ? "PostgreSQL runs elsewhere: not measured"
          : "every PostgreSQL process on this machine, over the measured runs",
    };
    const sql: Row = {
      scenario: "ingest",
      figure: "SQL statements / request",
      gateway: summarize([perRequest(totals.G, "statements")]),
      reference: summarize([perRequest(totals.R, "statements")]),
      comparison: "mean over the measured runs",
    };
    const integrity: Row = {
      scenario: "ingest",
      figure: "acknowledged events lost / applied twice",
      gateway: summarize([checks.gateway.lost + checks.gateway.appliedTwice]),
      reference: summarize([checks.reference.lost + checks.reference.appliedTwice]),
      comparison: `gateway: ${checks.gateway.lost} lost, ${checks.gateway.appliedTwice} twice of ${checks.gateway.acknowledged} acknowledged`,
      target: "0",
      met: checks.gateway.lost === 0 && checks.gateway.appliedTwice === 0,
    };
    return { rows: [rate, cpu, postgresCpu, sql, integrity], details: { checks, totals, gateway: a, reference: b } };
  } finally {
    await Promise.all([gateway.stop(), reference.stop()]);
  }
}
