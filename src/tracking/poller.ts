/**
 * Automatic tracking with pg-boss on the gateway's own PostgreSQL. Every instance asks for a round
 * job each interval; pg-boss keeps one job per interval slot however many instances ask (throttling),
 * and the queue's singleton policy runs one round at a time across the cluster, so a courier's
 * budget holds for the whole cluster. The round's row leases (poll-round.ts) keep a shipment from
 * being polled twice even if rounds ever overlap.
 */
import PgBoss from "pg-boss";
import { execute, sql } from "../db/sql.js";
import { inTransaction } from "../db/transaction.js";
import { ROUND_LEASE_MS, runPollRound, type RoundDeps, type RoundReport, type RoundSettings } from "./poll-round.js";

const ROUND_QUEUE = "tracking-poll-round";

export interface PollerSettings extends RoundSettings {
  /** How often a round looks for due shipments. */
  intervalSeconds: number;
}

export interface PollerDeps extends RoundDeps {
  /** The gateway's database; pg-boss keeps its jobs in the `pgboss` schema there. */
  databaseUrl: string;
  now?: () => Date;
}

export class TrackingPoller {
  private boss: PgBoss | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly deps: PollerDeps,
    private readonly settings: PollerSettings,
  ) {}

  /** One round on this instance, now: what every round job runs. */
  round(): Promise<RoundReport> {
    const now = this.deps.now?.() ?? new Date();
    return runPollRound(this.deps, this.settings, now, this.stopping.signal);
  }

  /** Joins the cluster's schedule: installs pg-boss's schema if needed, then works round jobs. */
  async start(): Promise<void> {
    const { logger } = this.deps;
    const { intervalSeconds } = this.settings;
    const boss = new PgBoss({ connectionString: this.deps.databaseUrl, max: 2, schedule: false });
    boss.on("error", (error) => {
      // At shutdown, embedded PostgreSQL's own exit hook may close pg-boss's connections under it.
      if (this.stopping.signal.aborted) logger.debug({ err: error }, "background tracking: job queue closed while stopping");
      else logger.error({ err: error }, "background tracking: job queue failed");
    });
    await boss.start();
    this.boss = boss;
    await this.createRoundQueue(boss);
    const worker = await boss.work(ROUND_QUEUE, { pollingIntervalSeconds: Math.max(0.5, intervalSeconds / 2) }, async () => {
      const report = await this.round();
      // Rounds that only found nothing new are routine; say something when something happened.
      logger[report.claimed > report.unchanged ? "info" : "debug"](report, "background tracking round");
    });
    // Asking twice per interval makes sure every slot gets its round; pg-boss drops the extra asks.
    const ask = async () => {
      try {
        const id = await boss.sendThrottled(ROUND_QUEUE, {}, {}, intervalSeconds, "round");
        // Whoever created the slot's job starts on it at once rather than at its next fetch.
        if (id) boss.notifyWorker(worker);
      } catch (error) {
        logger.warn({ err: error }, "background tracking: could not schedule a round");
      }
    };
    this.timer = setInterval(() => void ask(), (intervalSeconds * 1000) / 2);
    await ask();
  }

  /**
   * pg-boss creates a queue's table without a lock of its own, and instances starting together
   * deadlock in it; an advisory lock held meanwhile makes them take turns (the second finds it made).
   */
  private async createRoundQueue(boss: PgBoss) {
    await inTransaction(this.deps.pool, async (client) => {
      await execute(client, sql`/* lockRoundQueue */ SELECT pg_advisory_xact_lock(hashtext(${ROUND_QUEUE}))`);
      // A round job may run as long as its leases last; a failed round is simply followed by the next.
      await boss.createQueue(ROUND_QUEUE, {
        name: ROUND_QUEUE,
        policy: "singleton",
        retryLimit: 0,
        expireInSeconds: ROUND_LEASE_MS / 1000,
      });
    });
  }

  /** Stops asking for rounds, cuts a running round short, and waits for it to end. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    // Within the process's shutdown deadline; a round cut short is simply followed by the next.
    await this.boss?.stop({ graceful: true, timeout: 3_000 });
    this.boss = undefined;
  }
}
