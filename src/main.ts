/**
 * The process: configuration, database (embedded unless DATABASE_URL is set), migrations, demo data,
 * the server, and a clean shutdown on SIGINT/SIGTERM.
 */
import { Redis } from "ioredis";
import { pino } from "pino";
import { createApp } from "./app.js";
import { ConfigError, parseConfig } from "./config.js";
import { createCourierRegistry } from "./couriers/registry.js";
import { createDb } from "./db/client.js";
import { openDatabase } from "./db/database.js";
import { startDemoFeed } from "./demo/feed.js";
import { DEMO, DEMO_BASIC_AUTHORIZATION, seedDemo } from "./demo/seed.js";
import { TrackingPoller } from "./tracking/poller.js";

async function main() {
  const config = parseConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    log: (line) => logger.debug({ postgres: line.trim() }),
  });
  logger.info({ embedded: database.embedded, migrationsApplied: database.migrationsApplied }, "database ready");
  const db = createDb({ url: database.url, onStatement: logger.isLevelEnabled("trace") ? (sql) => logger.trace({ sql }) : undefined });
  if (config.demo && (await seedDemo(db))) logger.info("demo tenant seeded");

  // Redis needs two connections: one in subscriber mode cannot publish.
  const redis = config.redisUrl
    ? { publish: new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }), subscribe: new Redis(config.redisUrl) }
    : undefined;
  const app = createApp({
    db,
    logger,
    redis,
    rateLimit: config.rateLimit,
    edge: config.edge,
    production: config.production,
    graphiqlHeaders: config.demo ? { Authorization: DEMO_BASIC_AUTHORIZATION } : undefined,
    couriers: createCourierRegistry(config.couriers),
  });
  const unconfigured = app.services.couriers.all().filter((courier) => !courier.configured);
  if (unconfigured.length) logger.info({ couriers: unconfigured.map((courier) => courier.code) }, "couriers not configured (no credentials)");
  const poller = config.trackingPoll.enabled
    ? new TrackingPoller({ databaseUrl: database.url, db, sync: app.services.sync, logger }, config.trackingPoll)
    : undefined;
  await poller?.start();
  // The demo's simulated shipments move only while background tracking follows them.
  const demoFeed = config.demo && poller ? startDemoFeed(db, logger) : undefined;
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
    demoFeed?.stop();
    await poller?.stop();
    await app.close();
    await db.$disconnect();
    redis?.publish.disconnect();
    redis?.subscribe.disconnect();
    await database.stop();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
