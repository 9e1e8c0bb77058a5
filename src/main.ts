/**
 * The process: configuration, database (embedded unless DATABASE_URL is set, then supervised),
 * migrations, demo data, the server, and a shutdown on SIGINT/SIGTERM that ends within
 * SHUTDOWN_DEADLINE_MS whatever state the dependencies are in.
 */
import { Redis } from "ioredis";
import { pino, type Logger } from "pino";
import { createApp } from "./app.js";
import { ConfigError, parseConfig } from "./config.js";
import { createCourierRegistry } from "./couriers/registry.js";
import { createDb } from "./db/client.js";
import { openDatabase } from "./db/database.js";
import { startDemoFeed } from "./demo/feed.js";
import { DEMO, DEMO_BASIC_AUTHORIZATION, seedDemo } from "./demo/seed.js";
import { isDependencyFault } from "./dependency-faults.js";
import { embeddedPostgresRestarts } from "./metrics.js";
import { TrackingPoller } from "./tracking/poller.js";

const SHUTDOWN_DEADLINE_MS = 5_000;
// What in-flight HTTP requests get to finish, out of the deadline.
const REQUEST_GRACE_MS = 3_000;

/** Readable lines for a person at a terminal; JSON lines for log collectors everywhere else. */
function createLogger(level: string): Logger {
  return process.stdout.isTTY ? pino({ level, transport: { target: "pino-pretty" } }) : pino({ level });
}

/** ioredis reconnects by itself; an 'error' nobody hears would only be printed to stderr raw. */
function redisClient(url: string, role: string, logger: Logger, options: { maxRetriesPerRequest?: number } = {}) {
  const client = new Redis(url, options);
  client.on("error", (error) => logger.warn({ err: error, redis: role }, "redis connection error"));
  return client;
}

/**
 * The last line of defence: a dependency fault that escaped its handler (an unawaited Redis command,
 * an 'error' event of a connection a library forgot to hear) is logged loudly and survived, since
 * the dependency coming back heals it. Anything else still ends the process, as a bug should.
 */
function surviveEscapedFaults(logger: Logger) {
  const handle = (kind: string) => (error: unknown) => {
    if (isDependencyFault(error)) return logger.error({ err: error, kind }, "dependency fault escaped its handler; carrying on");
    logger.fatal({ err: error, kind }, "unexpected error; exiting");
    logger.flush();
    console.error(error);
    process.exit(1);
  };
  process.on("unhandledRejection", handle("unhandledRejection"));
  process.on("uncaughtException", handle("uncaughtException"));
}

async function main() {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  surviveEscapedFaults(logger);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    log: (line) => logger.debug({ postgres: line.trim() }),
    supervision: {
      onCrash: (exit) => logger.error(exit, "embedded PostgreSQL died; restarting it"),
      onRestart: (attempts) => {
        embeddedPostgresRestarts.inc();
        logger.warn({ attempts }, "embedded PostgreSQL restarted");
      },
    },
  });
  logger.info({ embedded: database.embedded, migrationsApplied: database.migrationsApplied }, "database ready");
  const { db, pool } = createDb({
    url: database.url,
    onStatement: logger.isLevelEnabled("trace") ? (sql) => logger.trace({ sql }) : undefined,
    onConnectionError: (error) => logger.warn({ err: error }, "database connection lost"),
  });
  if (config.demo && (await seedDemo(db))) logger.info("demo tenant seeded");

  // Redis needs two connections: one in subscriber mode cannot publish.
  const redis = config.redisUrl
    ? {
        publish: redisClient(config.redisUrl, "publish", logger, { maxRetriesPerRequest: 2 }),
        subscribe: redisClient(config.redisUrl, "subscribe", logger),
      }
    : undefined;
  const app = createApp({
    db,
    pool,
    logger,
    redis,
    rateLimit: config.rateLimit,
    edge: config.edge,
    production: config.production,
    persistedOperations: config.persistedOperations,
    graphiqlHeaders: config.demo ? { Authorization: DEMO_BASIC_AUTHORIZATION } : undefined,
    couriers: createCourierRegistry(config.couriers, { logger: logger.child({ component: "couriers" }) }),
    cursorSecret: config.cursorSecret,
    publicUrl: config.publicUrl,
    webhooks: config.webhooks,
    responseCache: config.responseCache,
  });
  const unconfigured = app.services.couriers.all().filter((courier) => !courier.configured);
  if (unconfigured.length)
    logger.info({ couriers: unconfigured.map((courier) => courier.code) }, "couriers not configured (no credentials)");
  const poller = config.trackingPoll.enabled
    ? new TrackingPoller({ databaseUrl: database.url, pool, sync: app.services.sync, logger }, config.trackingPoll)
    : undefined;
  await poller?.start();
  // The demo's simulated shipments move only while background tracking follows them.
  const demoFeed = config.demo && poller ? startDemoFeed(db, logger, app.services.changes) : undefined;
  logger.info({ ...config.trackingPoll }, "background tracking");
  const port = await app.listen(config.port, config.host);
  const url = `http://localhost:${port}/graphql`;
  logger.info({ url }, "gateway listening");
  if (config.demo) {
    console.log(
      `\n  Shipment tracking gateway: ${url}  (GraphiQL in a browser)\n` +
        `  Demo tenant "${DEMO.tenantId}": Basic ${DEMO.basic.keyId}:${DEMO.basic.secret}, or Bearer ${DEMO.bearerToken} with x-fabric-tenant-id: ${DEMO.tenantId}\n` +
        `  curl -u ${DEMO.basic.keyId}:${DEMO.basic.secret} ${url} -H 'content-type: application/json' -d '{"query":"{ shipments(first: 5) { nodes { id shipmentNumber statusCode } } }"}'\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      logger.warn({ deadlineMs: SHUTDOWN_DEADLINE_MS }, "shutdown deadline reached; exiting without waiting further");
      exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    // Each step is bounded and may fail (a dependency may be down); the next still runs.
    const step = async (name: string, work: () => unknown) => {
      try {
        await work();
      } catch (error) {
        logger.warn({ err: error, step: name }, "shutdown step failed");
      }
    };
    demoFeed?.stop();
    await Promise.all([step("background tracking", () => poller?.stop()), step("server", () => app.close(REQUEST_GRACE_MS))]);
    await step("database pool", () => db.$disconnect());
    redis?.publish.disconnect();
    redis?.subscribe.disconnect();
    await step("database", () => database.stop());
    clearTimeout(deadline);
    exit(0);
  };
  const exit = (code: number) => {
    logger.info({ code }, "stopped");
    logger.flush();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
