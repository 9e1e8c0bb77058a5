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
import { boolean, instant, integer, rowOf, text, texts } from "../db/rows.js";
import { empty, execute, query, sql, type Queryable } from "../db/sql.js";
import { inTransaction } from "../db/transaction.js";
import { LOG_COLUMNS, LOGGED_UPDATE } from "../tracking/delivery-log.js";
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
const lockLane = (on: Queryable, endpointId: string, shipmentId: string) =>
  execute(on, sql`/* lockLane */ SELECT pg_advisory_xact_lock(hashtext(${endpointId} || '/' || ${shipmentId}))`);

const readEndpoint = rowOf({ id: text, tenantId: text, eventTypes: texts, cursor: integer });
const readLogged = rowOf({ ...LOGGED_UPDATE, committedAt: instant });
const readWaiting = rowOf({ waiting: boolean });
const readToSend = rowOf({ url: text, secret: text, payload: text, endpointId: text, shipmentId: text });
const readSequence = rowOf({ sequence: integer });
const readId = rowOf({ id: text });

export class WebhookDispatcher {
  private readonly pool: pg.Pool;
  private boss?: PgBoss;
  private workers: string[] = [];
  private timer?: NodeJS.Timeout;
  private fanningOut?: Promise<void>;

  /** `database` is the gateway's pool; deliveries get a pool of their own on the same database. */
  constructor(
    database: pg.Pool,
    private readonly targets: WebhookTargets,
    private readonly settings: DeliverySettings,
    private readonly onError: (error: unknown) => void,
  ) {
    this.pool = new pg.Pool({ ...database.options, max: settings.concurrency + 2 });
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
    await inTransaction(this.pool, async (client) => {
      // Instances starting together would deadlock creating the queue's table; take turns.
      await execute(client, sql`/* lockDeliveryQueue */ SELECT pg_advisory_xact_lock(hashtext(${QUEUE}))`);
      const options = { retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds };
      if (!(await boss.getQueue(QUEUE))) await boss.createQueue(QUEUE, { name: QUEUE, ...options });
      else await boss.updateQueue(QUEUE, { name: QUEUE, ...options });
    });
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
    return inTransaction(this.pool, async (client) => {
      const marked = await execute(
        client,
        sql`/* markRedelivering */ UPDATE "WebhookDelivery" SET status = 'REDELIVERING' WHERE id = ${deliveryId} AND "tenantId" = ${tenantId}`,
      );
      if (!marked) return false;
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
    await inTransaction(this.pool, async (client) => {
      // Only endpoints behind their tenant's log; another instance takes the ones locked here.
      const endpoints = await query(
        client,
        sql`/* endpointsBehind */ SELECT e.id, e."tenantId", e."eventTypes", e.cursor FROM "WebhookEndpoint" e
         JOIN "TrackingSequence" s ON s."tenantId" = e."tenantId" AND s.last > e.cursor
         ORDER BY e.id LIMIT ${ENDPOINTS_PER_BATCH} FOR UPDATE OF e SKIP LOCKED`,
        readEndpoint,
      );
      more = endpoints.length === ENDPOINTS_PER_BATCH;
      for (const endpoint of endpoints) {
        const changes: LoggedChange[] = await query(
          client,
          sql`/* logAfterCursor */ SELECT ${LOG_COLUMNS}, "committedAt"
           FROM "TrackingUpdateLog" WHERE "tenantId" = ${endpoint.tenantId} AND sequence > ${endpoint.cursor} ORDER BY sequence LIMIT ${CHANGES_PER_ENDPOINT}`,
          readLogged,
        );
        if (changes.length === CHANGES_PER_ENDPOINT) more = true;
        if (!changes.length) continue;
        const payload = await payloadsFor(client, changes);
        for (const change of changes) {
          const type = deliveredAs(change, endpoint.eventTypes);
          if (!type) continue;
          await lockLane(client, endpoint.id, change.shipmentId);
          const deliveryId = newId("msg");
          const [lane] = await query(
            client,
            sql`/* insertDelivery */ WITH inserted AS (
               INSERT INTO "WebhookDelivery" (id, "tenantId", "endpointId", sequence, "shipmentId", "eventType", payload)
               VALUES (${deliveryId}, ${endpoint.tenantId}, ${endpoint.id}, ${change.sequence}, ${change.shipmentId}, ${type}, ${payload(change, type)}))
             SELECT EXISTS (SELECT 1 FROM "WebhookDelivery" WHERE "endpointId" = ${endpoint.id} AND "shipmentId" = ${change.shipmentId} AND status = 'PENDING') AS waiting`,
            readWaiting,
          );
          // The lane's head has a job already; this one follows when that finishes.
          if (!lane!.waiting) {
            await this.enqueue(client, { deliveryId, inOrder: true });
            enqueued = true;
          }
        }
        await execute(
          client,
          sql`/* advanceCursor */ UPDATE "WebhookEndpoint" SET cursor = ${changes.at(-1)!.sequence} WHERE id = ${endpoint.id}`,
        );
      }
    });
    if (enqueued) this.wakeWorkers();
    return more;
  }

  /** One attempt; throws to have pg-boss retry it later, unless it was the last. */
  private async attempt({ deliveryId, inOrder }: DeliveryJob, last: boolean): Promise<void> {
    const [delivery] = await query(
      this.pool,
      sql`/* deliveryToSend */ SELECT e.url, e.secret, d.payload, d."endpointId", d."shipmentId" FROM "WebhookDelivery" d
       JOIN "WebhookEndpoint" e ON e.id = d."endpointId" WHERE d.id = ${deliveryId} AND d.status IN ('PENDING', 'REDELIVERING')`,
      readToSend,
    );
    // Already settled (a job that ran twice) or its endpoint deleted.
    if (!delivery) return;
    const outcome = await sendWebhook(
      this.targets,
      delivery.url,
      signedHeaders(delivery.secret, deliveryId, delivery.payload, new Date()),
      delivery.payload,
      this.settings,
    );
    const settled = outcome.ok || last;
    await inTransaction(this.pool, async (client) => {
      await lockLane(client, delivery.endpointId, delivery.shipmentId);
      // Delivered, failed for good, or still pending a retry: only a settled attempt changes the status.
      const settles = outcome.ok ? sql`, status = 'DELIVERED', "deliveredAt" = now()` : settled ? sql`, status = 'FAILED'` : empty;
      const updated = await query(
        client,
        sql`/* recordAttempt */ UPDATE "WebhookDelivery" SET attempts = attempts + 1, "lastAttemptAt" = now(), "responseStatus" = ${outcome.status},
                "latencyMs" = ${outcome.latencyMs}, "lastError" = ${outcome.error}${settles}
         WHERE id = ${deliveryId} RETURNING sequence`,
        readSequence,
      );
      if (!settled || !inOrder || !updated.length) return;
      const following = await query(
        client,
        sql`/* laneNext */ SELECT id FROM "WebhookDelivery" WHERE "endpointId" = ${delivery.endpointId} AND "shipmentId" = ${delivery.shipmentId}
           AND status = 'PENDING' AND sequence > ${updated[0]!.sequence}
         ORDER BY sequence LIMIT 1`,
        readId,
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
}
