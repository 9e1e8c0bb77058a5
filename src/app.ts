/**
 * Assembles one gateway instance from its parts: authentication, rate limits, the tracking core and
 * its event bus, the GraphQL app and the HTTP/WebSocket server. main.ts and the tests build
 * instances the same way.
 */
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type pg from "pg";
import type { Logger } from "pino";
import { Authenticator } from "./auth/credentials.js";
import type { Config } from "./config.js";
import type { Services } from "./context.js";
import { parseCourierSettings } from "./couriers/config.js";
import { createCourierRegistry, type CourierRegistry } from "./couriers/registry.js";
import type { Db } from "./db/client.js";
import { EDGE_DEFAULTS, type EdgeSettings } from "./edge/settings.js";
import { allowingOwn, type PersistedOperations } from "./graphql/persisted-operations.js";
import { inProcessBus, redisBus } from "./tracking/bus.js";
import { createBudget, createRateLimit } from "./edge/rate-limit.js";
import { REST_OPERATIONS } from "./rest/index.js";
import { createHttpServer } from "./http/server.js";
import { TrackingIngestor } from "./tracking/ingest.js";
import { relayPool, TrackingRelay, type RelayOptions } from "./tracking/relay.js";
import { ShipmentSync } from "./tracking/sync.js";
import { TRACKING_PAGE_OPERATIONS } from "./tracking-page/documents.js";
import { PublicTrackingTokens } from "./tracking-page/tokens.js";
import { WebhookDispatcher } from "./webhooks/dispatcher.js";
import { WebhookEndpoints } from "./webhooks/endpoints.js";
import { WEBHOOK_DEFAULTS, type WebhookSettings } from "./webhooks/settings.js";
import { WebhookTargets } from "./webhooks/target.js";
import { createGateway } from "./graphql/yoga.js";
import { ResponseCache } from "./graphql/response-cache/response-cache.js";
import { memoryStore, redisStore } from "./graphql/response-cache/store.js";
import { UNOBSERVED } from "./shipments/changes.js";

export interface AppOptions {
  db: Db;
  /** The node-postgres pool under `db` (createDb gives both), for the hand-written SQL. */
  pool: pg.Pool;
  logger: Logger;
  /** Shared pub/sub and rate limits; `publish` and `subscribe` must be separate connections. */
  redis?: { publish: Redis; subscribe: Redis };
  rateLimit: Config["rateLimit"];
  /** Edge limits; defaults when omitted. */
  edge?: EdgeSettings;
  production: boolean;
  graphiqlHeaders?: Record<string, string>;
  /** Automatic persisted queries by default. */
  persistedOperations?: PersistedOperations;
  /** Courier connectors; without them, only the simulator is configured (tests point others at fakes). */
  couriers?: CourierRegistry;
  /** Seals list cursors; instances behind one load balancer need the same. Random when unset. */
  cursorSecret?: string;
  /** How the relay sweeps the delivery log (tests shorten the grace period). */
  relay?: Omit<RelayOptions, "onError">;
  /** The gateway's public address, for tracking links; the request's own origin when unset. */
  publicUrl?: string;
  /** Webhook delivery; off unless `deliver` is set (tests of other parts need no job queue). */
  webhooks?: Partial<WebhookSettings>;
  /** Updates a subscription may leave waiting before it is closed as too slow (default 1000). */
  maxPendingUpdates?: number;
  /** Answer the hot reads from planned SQL; on unless false (tests compare both paths). */
  readPlans?: boolean;
  /** Cache query answers per tenant, invalidated by every write (README, Performance); off when unset. `redis` needs `redis`. */
  responseCache?: { store: "memory" | "redis"; ttlMs: number };
  /** How long a verified credential is trusted before one row read re-checks it (default 30 s; the bench shortens it). */
  credentialCacheTtlMs?: number;
}

export type App = ReturnType<typeof createApp>;

export function createApp(options: AppOptions) {
  const { db, pool, logger } = options;
  const persistedOperations = allowingOwn(options.persistedOperations ?? { mode: "apq" }, [
    ...REST_OPERATIONS,
    ...TRACKING_PAGE_OPERATIONS,
  ]);
  const pubsub = options.redis ? redisBus(options.redis) : inProcessBus();
  const onRelayError = (error: unknown) => logger.warn({ err: error }, "tracking update not published yet; the relay retries");
  const relay = new TrackingRelay(relayPool(pool, onRelayError), pubsub, { ...options.relay, onError: onRelayError });
  const responseCache = options.responseCache && createResponseCache(options.responseCache, options.redis?.publish, logger);
  const changes = responseCache ?? UNOBSERVED;
  const tracking = new TrackingIngestor(pool, relay, changes);
  const cursorKey = options.cursorSecret ? Buffer.from(options.cursorSecret) : randomBytes(32);
  const couriers = options.couriers ?? createCourierRegistry(parseCourierSettings({}).settings);
  const webhookSettings = { ...WEBHOOK_DEFAULTS, ...options.webhooks };
  const targets = new WebhookTargets(webhookSettings.allowHosts);
  const onWebhookError = (error: unknown) => logger.warn({ err: error }, "webhook delivery: database or job queue failed; it retries");
  const webhooks = {
    endpoints: new WebhookEndpoints(db, targets),
    dispatcher: new WebhookDispatcher(pool, targets, webhookSettings, onWebhookError),
  };
  const services: Services = {
    db,
    pool,
    pubsub,
    tracking,
    changes,
    couriers,
    sync: new ShipmentSync(db, couriers, tracking, changes),
    cursorKey,
    trackingPage: { tokens: new PublicTrackingTokens(db), publicUrl: options.publicUrl },
    webhooks,
    delivery: { maxPendingUpdates: options.maxPendingUpdates ?? 1000 },
  };
  const edge = options.edge ?? EDGE_DEFAULTS;
  const authenticator = new Authenticator(db, { failures: edge.authFailures, cacheTtlMs: options.credentialCacheTtlMs });
  const gateway = createGateway({
    services,
    authenticator,
    rateLimit: createRateLimit({ ...options.rateLimit, redis: options.redis?.publish }),
    costBudget: createBudget({ ...edge.costBudget, redis: options.redis?.publish, keyPrefix: "gateway-cost" }),
    edge,
    production: options.production,
    graphiqlHeaders: options.graphiqlHeaders,
    persistedOperations,
    readPlans: options.readPlans,
    responseCache,
  });
  const server = createHttpServer({
    gateway,
    db,
    authenticator,
    logger,
    persistedOperations,
    edge,
    trackingPageTokens: services.trackingPage.tokens,
  });
  relay.start();
  return {
    gateway,
    server,
    services,
    relay,
    /** Starts webhook delivery (when on) and listening; port 0 picks a free port. Resolves to the bound port. */
    async listen(port: number, host?: string): Promise<number> {
      if (webhookSettings.deliver) await webhooks.dispatcher.start();
      await new Promise<void>((resolve) => server.listen(port, host, resolve));
      return (server.address() as { port: number }).port;
    },
    /** Finishes requests in flight (up to `graceMs`) while webhook delivery stops, closes every connection, then stops the relay. */
    async close(graceMs = 3_000) {
      // An attempt cut short by the stop is expired and retried by pg-boss; it need not hold the shutdown.
      await Promise.all([server.shutdown(graceMs), webhooks.dispatcher.stop()]);
      await relay.stop();
    },
  };
}

function createResponseCache(settings: NonNullable<AppOptions["responseCache"]>, redis: Redis | undefined, logger: Logger) {
  const store = settings.store === "memory" ? memoryStore() : redis && redisStore(redis);
  if (!store) throw new Error("RESPONSE_CACHE=redis needs the instance's Redis");
  return new ResponseCache(store, settings.ttlMs, logger);
}
