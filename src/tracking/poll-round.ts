/**
 * One round of background tracking: claim the shipments that are due, at most `budget` per courier,
 * and sync each with source POLL; then schedule its next poll, or stop tracking it. Claims are row
 * leases taken with `FOR UPDATE SKIP LOCKED`, so concurrent rounds — on this instance or another —
 * never poll the same shipment twice.
 */
import type pg from "pg";
import type { Logger } from "pino";
import { instant, nullable, rowOf, text } from "../db/rows.js";
import { execute, query, sql } from "../db/sql.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { FINAL_STATUS_CODES, FINAL_TRACKING_STATUSES, isFinal, isStale, nextPollAt, type ScheduleSettings } from "./schedule.js";
import type { ShipmentSync } from "./sync.js";

export interface RoundSettings extends ScheduleSettings {
  /** Courier requests per courier per round. */
  budget: number;
}

export interface RoundDeps {
  pool: pg.Pool;
  sync: ShipmentSync;
  logger: Logger;
}

/** What became of the claimed shipments. */
export interface RoundReport {
  claimed: number;
  /** Synced and something new applied; polled again later. */
  changed: number;
  /** Synced, nothing new; polled again later. */
  unchanged: number;
  /** No longer tracked: delivered or returned, or nothing a courier could be asked about. */
  stopped: number;
  /** No news for `expiryDays`: marked EXPIRED and no longer tracked. */
  expired: number;
  /** The courier failed; polled again later. */
  failed: number;
}
type Verdict = Exclude<keyof RoundReport, "claimed">;

const readDue = rowOf({
  id: text,
  tenantId: text,
  shipmentCourier: nullable(text),
  createdAt: instant,
  /** The last event received for it, or its creation. */
  lastNewsAt: instant,
});
type DueShipment = ReturnType<typeof readDue>;

/** Long enough for any round to finish; after a crash mid-round, its shipments are due again then. */
export const ROUND_LEASE_MS = 10 * 60_000;

/**
 * Leases the due, still-travelling shipments: the most overdue first, at most `budget` per courier
 * code (shipments without one share a budget). Rows another round holds are skipped, not waited for.
 */
export async function claimDue(pool: pg.Pool, now: Date, budget: number): Promise<DueShipment[]> {
  const leaseUntil = new Date(now.getTime() + ROUND_LEASE_MS);
  return query(
    pool,
    sql`/* claimDueShipments */ WITH due AS (
      SELECT id, row_number() OVER (PARTITION BY "shipmentCourier" ORDER BY "nextTrackAt", id) AS rank
      FROM "Shipment"
      WHERE "nextTrackAt" <= ${now}
        AND ("trackingStatus" IS NULL OR "trackingStatus"::text <> ALL (${FINAL_TRACKING_STATUSES}::text[]))
        AND "statusCode"::text <> ALL (${FINAL_STATUS_CODES}::text[])
    ), claimed AS MATERIALIZED (
      SELECT id FROM "Shipment"
      WHERE id IN (SELECT id FROM due WHERE rank <= ${budget}) AND "nextTrackAt" <= ${now}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Shipment" s SET "nextTrackAt" = ${leaseUntil}
    FROM claimed WHERE s.id = claimed.id
    RETURNING s.id, s."tenantId", s."shipmentCourier", s."createdAt",
      GREATEST(s."createdAt", (SELECT max(e."receivedAt") FROM "TrackingEvent" e WHERE e."shipmentId" = s.id)) AS "lastNewsAt"`,
    readDue,
  );
}

/** Claims and polls the due shipments. After `signal` aborts, the rest keep their lease and are due again when it ends. */
export async function runPollRound(deps: RoundDeps, settings: RoundSettings, now: Date, signal?: AbortSignal): Promise<RoundReport> {
  const due = signal?.aborted ? [] : await claimDue(deps.pool, now, settings.budget);
  const report: RoundReport = { claimed: due.length, changed: 0, unchanged: 0, stopped: 0, expired: 0, failed: 0 };
  const byCourier = new Map<string | null, DueShipment[]>();
  for (const shipment of due) {
    const group = byCourier.get(shipment.shipmentCourier) ?? [];
    byCourier.set(shipment.shipmentCourier, [...group, shipment]);
  }
  // Couriers side by side; one courier's shipments one at a time, so no courier sees a burst.
  await Promise.all(
    [...byCourier.values()].map(async (shipments) => {
      for (const shipment of shipments) {
        if (signal?.aborted) return;
        const { verdict, next } = await poll(deps, settings, shipment, now, signal);
        // Raw SQL: a poll is not a change to the document, so `updatedAt` must not move.
        await execute(
          deps.pool,
          sql`/* schedulePoll */ UPDATE "Shipment" SET "nextTrackAt" = ${next}, "lastTrackedAt" = ${now} WHERE id = ${shipment.id}`,
        );
        report[verdict]++;
      }
    }),
  );
  return report;
}

async function poll(
  deps: RoundDeps,
  settings: RoundSettings,
  shipment: DueShipment,
  now: Date,
  signal?: AbortSignal,
): Promise<{ verdict: Verdict; next: Date | null }> {
  const { id: shipmentId, tenantId } = shipment;
  const later = nextPollAt(shipment.createdAt, now, settings);
  try {
    const outcome = await deps.sync.sync({ tenantId, shipmentId, source: "POLL", signal });
    if (isFinal(outcome.trackingStatus)) return { verdict: "stopped", next: null };
    if (outcome.result?.update) return { verdict: "changed", next: later };
    if (!isStale(shipment.lastNewsAt, now, settings)) return { verdict: "unchanged", next: later };
    await deps.sync.expire({ tenantId, shipmentId, days: settings.expiryDays, now });
    return { verdict: "expired", next: null };
  } catch (error) {
    // No number a courier would accept, or the shipment is gone: asking again cannot help.
    if (error instanceof ValidationError || error instanceof NotFoundError) return { verdict: "stopped", next: null };
    deps.logger.warn({ err: error, shipmentId }, "background tracking: sync failed");
    return { verdict: "failed", next: later };
  }
}
