/**
 * Webhook deliveries from the durable update log, never from the request path, at least once.
 *
 * Fan-out: each tick turns log rows past an endpoint's cursor into delivery rows and moves the
 * cursor, in one transaction, so a change is never skipped or made twice. Sending: a pg-boss job
 * per delivery, retried with exponential backoff by pg-boss. Order per shipment: only the oldest
 * PENDING delivery of an (endpoint, shipment) lane has a job; finishing it (delivered, or failed
 * for good) enqueues the next in the same transaction. Lane changes take an advisory lock, so a
 * fan-out and a finishing delivery never both think the other one enqueues. A process killed
 * mid-delivery leaves its job active; pg-boss expires it and tries again (receivers drop the
 * duplicate by `webhook-id`).
 */
import pg from "pg";
import PgBoss from "pg-boss";
import { sqlPool, type Db } from "../db/client.js";
import { newId } from "../shipments/ids.js";
import { deliveredAs } from "./event-types.js";
import { payloadsFor, type LoggedChange } from "./payload.js";
import { sendWebhook, type SendLimits } from "./send.js";
import { signedHeaders } from "./signature.js";
import type { WebhookTargets } from "./target.js";

const QUEUE = "webhook-delivery";
// One fan-out transaction's size: short enough that its locks never hold up a finishing delivery long.
const ENDPOINTS_PER_BATCH = 50;
const CHANGES_PER_ENDPOINT = 200;

export interface DeliverySettings extends SendLimits {
  /** Retries after the first attempt; pg-boss waits about retryDelaySeconds · 2^n before retry n. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How often new log rows are turned into deliveries. */
  fanOutIntervalMs: number;
  /** Deliveries sent at once by this instance. */
  concurrency: number;
}

export const DELIVERY_DEFAULTS: DeliverySettings = {
  timeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  retryLimit: 10,
  retryDelaySeconds: 30,
  fanOutIntervalMs: 500,
  concurrency: 4,
};

interface DeliveryJob {
  deliveryId: string;
  /** False for a redelivery, which stands outside its lane's order. */
  inOrder: boolean;
}

/** What pg-boss needs to run its SQL on a connection of ours (inside our transaction). */
const on = (client: pg.Pool | pg.ClientBase) => ({ executeSql: (text: string, values?: unknown[]) => client.query(text, values) });

/** The lane lock: an endpoint's deliveries for one shipment. */
const LOCK_LANE = `SELECT pg_advisory_xact_lock(hashtext($1 || '/' || $2))`;

export class WebhookDispatcher {
  private readonly pool: pg.Pool;
  private boss?: PgBoss;
  private workers: string[] = [];
  private timer?: NodeJS.Timeout;
  private fanningOut?: Promise<void>;

  constructor(
    db: Db,
    private readonly targets: WebhookTargets,
    private readonly settings: DeliverySettings,
    private readonly onError: (error: unknown) => void,
  ) {
    this.pool = new pg.Pool({ ...sqlPool(db).options, max: settings.concurrency + 2 });
    this.pool.on("error", onError);
    this.pool.on("connect", (client) => client.on("error", onError));
  }

  get running() {
    return this.boss !== undefined;
  }

  async start(): Promise<void> {
    const { timeoutMs, retryLimit, retryDelaySeconds, concurrency } = this.settings;
    // An attempt still active well after its deadline was cut off by a dead process: try again.
    const expireInSeconds = Math.ceil(timeoutMs / 1000) + 5;
    const boss = new PgBoss({ db: on(this.pool), schedule: false, maintenanceIntervalSeconds: Math.min(60, expireInSeconds) });
    boss.on("error", this.onError);
    await boss.start();
    const client = await this.pool.connect();
    try {
      // Instances starting together would deadlock creating the queue's table; take turns.
      await client.query("BEGIN");
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [QUEUE]);
      const options = { retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds };
      if (!(await boss.getQueue(QUEUE))) await boss.createQueue(QUEUE, { name: QUEUE, ...options });
      else await boss.updateQueue(QUEUE, { name: QUEUE, ...options });
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.boss = boss;
    for (let i = 0; i < concurrency; i++) {
      this.workers.push(
        await boss.work<DeliveryJob>(QUEUE, { includeMetadata: true, pollingIntervalSeconds: 1 }, ([job]) =>
          // pg-boss pauses a worker for its polling interval after every job unless notified; while
          // deliveries are waiting, that pause would cap each worker at one delivery a second.
          this.attempt(job!.data, job!.retryCount >= job!.retryLimit).finally(() => this.wakeWorkers()),
        ),
      );
    }
    const tick = () => void this.fanOut().catch(this.onError);
    tick();
    this.timer = setInterval(tick, this.settings.fanOutIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.fanningOut?.catch(() => undefined);
    await this.boss?.stop({ graceful: true, timeout: 3_000, wait: true });
    this.boss = undefined;
    await this.pool.end();
  }

  /** Turns committed log rows into deliveries; one fan-out at a time per instance. */
  fanOut(): Promise<void> {
    this.fanningOut ??= this.fanOutOnce().finally(() => (this.fanningOut = undefined));
    return this.fanningOut;
  }

  /** Sends a delivery again now, whatever became of it, with a fresh set of retries. */
  async redeliver(tenantId: string, deliveryId: string): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const { rowCount } = await client.query(
        `/* markRedelivering */ UPDATE "WebhookDelivery" SET status = 'REDELIVERING' WHERE id = $1 AND "tenantId" = $2`,
        [deliveryId, tenantId],
      );
      if (!rowCount) return false;
      await this.enqueue(client, { deliveryId, inOrder: false });
      return true;
    });
  }

  private async fanOutOnce(): Promise<void> {
    while (this.boss && (await this.fanOutBatch()));
  }

  /** One transaction's worth; true when there may be more behind it. */
  private async fanOutBatch(): Promise<boolean> {
    let enqueued = false;
    let more = false;
    await this.inTransaction(async (client) => {
      // Only endpoints behind their tenant's log; another instance takes the ones locked here.
      const { rows: endpoints } = await client.query<{ id: string; tenantId: string; eventTypes: string[]; cursor: number }>(
        `/* endpointsBehind */ SELECT e.id, e."tenantId", e."eventTypes", e.cursor FROM "WebhookEndpoint" e
         JOIN "TrackingSequence" s ON s."tenantId" = e."tenantId" AND s.last > e.cursor
         ORDER BY e.id LIMIT $1 FOR UPDATE OF e SKIP LOCKED`,
        [ENDPOINTS_PER_BATCH],
      );
      more = endpoints.length === ENDPOINTS_PER_BATCH;
      for (const endpoint of endpoints) {
        const { rows: changes } = await client.query<LoggedChange>(
          `/* logAfterCursor */ SELECT "tenantId", sequence, "shipmentId", version, source, "previousStatus", status, "eventIds",
                  "trackingNumbers", "committedAt"
           FROM "TrackingUpdateLog" WHERE "tenantId" = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
          [endpoint.tenantId, endpoint.cursor, CHANGES_PER_ENDPOINT],
        );
        if (changes.length === CHANGES_PER_ENDPOINT) more = true;
        if (!changes.length) continue;
        const payload = await payloadsFor(client, changes);
        for (const change of changes) {
          const type = deliveredAs(change, endpoint.eventTypes);
          if (!type) continue;
          await client.query(LOCK_LANE, [endpoint.id, change.shipmentId]);
          const deliveryId = newId("msg");
          const { rows } = await client.query<{ waiting: boolean }>(
            `/* insertDelivery */ WITH inserted AS (
               INSERT INTO "WebhookDelivery" (id, "tenantId", "endpointId", sequence, "shipmentId", "eventType", payload)
               VALUES ($1, $2, $3, $4, $5, $6, $7))
             SELECT EXISTS (SELECT 1 FROM "WebhookDelivery" WHERE "endpointId" = $3 AND "shipmentId" = $5 AND status = 'PENDING') AS waiting`,
            [deliveryId, endpoint.tenantId, endpoint.id, change.sequence, change.shipmentId, type, payload(change, type)],
          );
          // The lane's head has a job already; this one follows when that finishes.
          if (!rows[0]!.waiting) {
            await this.enqueue(client, { deliveryId, inOrder: true });
            enqueued = true;
          }
        }
        await client.query(`/* advanceCursor */ UPDATE "WebhookEndpoint" SET cursor = $2 WHERE id = $1`, [endpoint.id, changes.at(-1)!.sequence]);
      }
    });
    if (enqueued) this.wakeWorkers();
    return more;
  }

  /** One attempt; throws to have pg-boss retry it later, unless it was the last. */
  private async attempt({ deliveryId, inOrder }: DeliveryJob, last: boolean): Promise<void> {
    const { rows } = await this.pool.query<{ url: string; secret: string; payload: string; endpointId: string; shipmentId: string }>(
      `/* deliveryToSend */ SELECT e.url, e.secret, d.payload, d."endpointId", d."shipmentId" FROM "WebhookDelivery" d
       JOIN "WebhookEndpoint" e ON e.id = d."endpointId" WHERE d.id = $1 AND d.status IN ('PENDING', 'REDELIVERING')`,
      [deliveryId],
    );
    const delivery = rows[0];
    // Already settled (a job that ran twice) or its endpoint deleted.
    if (!delivery) return;
    const outcome = await sendWebhook(this.targets, delivery.url, signedHeaders(delivery.secret, deliveryId, delivery.payload, new Date()), delivery.payload, this.settings);
    const settled = outcome.ok || last;
    await this.inTransaction(async (client) => {
      await client.query(LOCK_LANE, [delivery.endpointId, delivery.shipmentId]);
      const { rows: updated } = await client.query<{ sequence: number }>(
        `/* recordAttempt */ UPDATE "WebhookDelivery" SET attempts = attempts + 1, "lastAttemptAt" = now(), "responseStatus" = $2,
                "latencyMs" = $3, "lastError" = $4,
                status = CASE WHEN $5 THEN 'DELIVERED'::"WebhookDeliveryStatus" WHEN $6 THEN 'FAILED' ELSE status END,
                "deliveredAt" = CASE WHEN $5 THEN now() ELSE "deliveredAt" END
         WHERE id = $1 RETURNING sequence`,
        [deliveryId, outcome.status, outcome.latencyMs, outcome.error, outcome.ok, settled],
      );
      if (!settled || !inOrder || !updated.length) return;
      const { rows: following } = await client.query<{ id: string }>(
        `/* laneNext */ SELECT id FROM "WebhookDelivery" WHERE "endpointId" = $1 AND "shipmentId" = $2 AND status = 'PENDING' AND sequence > $3
         ORDER BY sequence LIMIT 1`,
        [delivery.endpointId, delivery.shipmentId, updated[0]!.sequence],
      );
      if (following[0]) await this.enqueue(client, { deliveryId: following[0].id, inOrder: true });
    });
    if (!settled) throw new Error(outcome.error ?? "delivery failed");
  }

  private async enqueue(client: pg.ClientBase, job: DeliveryJob) {
    if (!this.boss) throw new Error("webhook delivery is not running");
    await this.boss.send(QUEUE, job, { db: on(client) });
  }

  private wakeWorkers() {
    for (const worker of this.workers) this.boss?.notifyWorker(worker);
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
