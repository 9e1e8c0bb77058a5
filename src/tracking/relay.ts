/**
 * The relay: from the delivery log to the bus, at least once. The fast path publishes each change
 * right after its commit; the sweep publishes whatever committed but was never marked published —
 * the process died between commit and publish, or the bus (Redis) was down. Several instances sweep
 * the same log safely: `FOR UPDATE SKIP LOCKED` gives each row to one of them, and a row is only
 * swept once its fast path had time to finish, so duplicates stay rare (subscribers drop them anyway).
 */
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { float, integer, nullable, rowOf, type RowReader } from "../db/rows.js";
import { execute, query, sql } from "../db/sql.js";
import { inTransaction } from "../db/transaction.js";
import { LOG_COLUMNS, LOGGED_UPDATE } from "./delivery-log.js";
import type { TrackingPublisher, TrackingUpdateMessage } from "./messages.js";

export interface RelayOptions {
  /** How often to sweep for unpublished changes (also once at start). */
  sweepIntervalMs?: number;
  /** How old an unpublished change must be before a sweep takes it from its fast path. */
  graceMs?: number;
  /** Changes per sweep transaction. */
  batchSize?: number;
  /** A publication failed; the change stays in the log for the next sweep. */
  onError?: (error: unknown) => void;
}

/** What operators watch: how many changes wait for publication and for how long. */
export interface RelayBacklog {
  unpublished: number;
  oldestSeconds: number;
}

/** How long published changes gather before they are marked, far below the sweep's grace. */
const MARK_DELAY_MS = 20;

function markPublished(updates: TrackingUpdateMessage[]) {
  return sql`/* markPublished */ UPDATE "TrackingUpdateLog" l SET "publishedAt" = now()
    FROM unnest(${updates.map((u) => u.tenantId)}::text[], ${updates.map((u) => u.sequence)}::int[]) AS p("tenantId", sequence)
    WHERE l."tenantId" = p."tenantId" AND l.sequence = p.sequence`;
}

const readUpdate: RowReader<TrackingUpdateMessage> = rowOf(LOGGED_UPDATE);
const readBacklog = rowOf({ unpublished: integer, oldest: nullable(float) });

export class TrackingRelay implements TrackingPublisher {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;
  private readonly sweepIntervalMs: number;
  private readonly graceMs: number;
  private readonly batchSize: number;
  /** Published by the fast path, not yet marked so. */
  private readonly published: TrackingUpdateMessage[] = [];
  private marking?: Promise<void>;

  /** `pool` is the relay's own: its sweeps never wait behind requests for a connection. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly bus: TrackingPublisher,
    private readonly options: RelayOptions = {},
  ) {
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1000;
    this.graceMs = options.graceMs ?? 1000;
    this.batchSize = options.batchSize ?? 500;
  }

  /**
   * The fast path, after commit. Never throws: the change is committed, and the sweep will retry.
   * It is marked published a moment later, together with the others published meanwhile: one
   * UPDATE (and one WAL flush) for many changes rather than one each, and the request that made the
   * change does not wait for it.
   */
  async publish(update: TrackingUpdateMessage): Promise<void> {
    try {
      await this.bus.publish(update);
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    this.published.push(update);
    this.marking ??= this.markBatch();
  }

  /** Marks the batch; should that fail, the sweep publishes those changes again (subscribers drop repeats). */
  private async markBatch(): Promise<void> {
    await delay(MARK_DELAY_MS, undefined, { ref: false });
    const batch = this.published.splice(0);
    try {
      await execute(this.pool, markPublished(batch));
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.marking = this.published.length ? this.markBatch() : undefined;
    }
  }

  start() {
    if (this.timer) return;
    const tick = () => void this.sweep().catch((error) => this.options.onError?.(error));
    tick();
    this.timer = setInterval(tick, this.sweepIntervalMs);
    this.timer.unref();
  }

  async stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
    while (this.marking) await this.marking;
    await this.pool.end();
  }

  /** Publishes committed, unpublished changes in log order; resolves to how many it published. */
  sweep(): Promise<number> {
    // One sweep at a time per instance; a tick during a long sweep joins it.
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  async backlog(): Promise<RelayBacklog> {
    const [backlog] = await query(
      this.pool,
      sql`/* relayBacklog */ SELECT count(*)::int AS unpublished, EXTRACT(EPOCH FROM now() - min("committedAt"))::float8 AS oldest
       FROM "TrackingUpdateLog" WHERE "publishedAt" IS NULL`,
      readBacklog,
    );
    return { unpublished: backlog!.unpublished, oldestSeconds: backlog!.oldest ?? 0 };
  }

  private async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.sweepBatch();
      total += published;
      if (published < this.batchSize) return total;
    }
  }

  private async sweepBatch(): Promise<number> {
    const { published, failure } = await inTransaction(this.pool, async (client) => {
      const updates = await query(
        client,
        sql`/* unpublishedChanges */ SELECT ${LOG_COLUMNS} FROM "TrackingUpdateLog"
         WHERE "publishedAt" IS NULL AND "committedAt" < now() - ${this.graceMs} * interval '1 millisecond'
         ORDER BY "tenantId", sequence LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED`,
        readUpdate,
      );
      const sent: TrackingUpdateMessage[] = [];
      let failed: unknown;
      for (const update of updates) {
        try {
          await this.bus.publish(update);
        } catch (error) {
          failed = error;
          break;
        }
        sent.push(update);
      }
      // Mark what went out even when the bus failed part-way; the rest waits for the next sweep.
      if (sent.length) await execute(client, markPublished(sent));
      return { published: sent.length, failure: failed };
    });
    // After commit: what was marked stays marked, and the sweep still reports the bus's failure.
    if (failure) throw failure;
    return published;
  }
}

/** The relay's own small pool on the database `pool` talks to. */
export function relayPool(pool: pg.Pool, onError: (error: unknown) => void): pg.Pool {
  const own = new pg.Pool({ ...pool.options, max: 2 });
  // A connection the server drops, idle (the pool) or checked out for a sweep (the client), must not
  // take the process with it; the sweep in flight fails on its own and the next one reconnects.
  own.on("error", onError);
  own.on("connect", (client) => client.on("error", onError));
  return own;
}
