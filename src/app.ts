/**
 * Assembles one gateway instance from its parts: authentication, rate limits, the tracking core and
 * its event bus, the GraphQL app and the HTTP/WebSocket server. main.ts and the tests build
 * instances the same way.
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { Authenticator } from "./auth/credentials.js";
import type { Config } from "./config.js";
import type { Services } from "./context.js";
import { parseCourierSettings } from "./couriers/config.js";
import { createCourierRegistry, type CourierRegistry } from "./couriers/registry.js";
import type { Db } from "./db/client.js";
import { EDGE_DEFAULTS, type EdgeSettings } from "./edge/settings.js";
import { createTrackingPubSub, publisherFor } from "./pubsub.js";
import { createBudget, createRateLimit } from "./rate-limit.js";
import { createHttpServer } from "./server.js";
import { TrackingIngestor } from "./tracking/ingest.js";
import { ShipmentSync } from "./tracking/sync.js";
import { createGateway } from "./yoga.js";

export interface AppOptions {
  db: Db;
  logger: Logger;
  /** Shared pub/sub and rate limits; `publish` and `subscribe` must be separate connections. */
  redis?: { publish: Redis; subscribe: Redis };
  rateLimit: Config["rateLimit"];
  /** Edge limits; defaults when omitted. */
  edge?: EdgeSettings;
  production: boolean;
  graphiqlHeaders?: Record<string, string>;
  /** Courier connectors; without them, only the simulator is configured (tests point others at fakes). */
  couriers?: CourierRegistry;
}

export type App = ReturnType<typeof createApp>;

export function createApp(options: AppOptions) {
  const { db, logger } = options;
  const pubsub = createTrackingPubSub(options.redis);
  const tracking = new TrackingIngestor(db, publisherFor(pubsub));
  const couriers = options.couriers ?? createCourierRegistry(parseCourierSettings({}).settings);
  const services: Services = { db, pubsub, tracking, couriers, sync: new ShipmentSync(db, couriers, tracking) };
  const edge = options.edge ?? EDGE_DEFAULTS;
  const authenticator = new Authenticator(db, { failures: edge.authFailures });
  const gateway = createGateway({
    services,
    authenticator,
    rateLimit: createRateLimit({ ...options.rateLimit, redis: options.redis?.publish }),
    costBudget: createBudget({ ...edge.costBudget, redis: options.redis?.publish, keyPrefix: "gateway-cost" }),
    edge,
    production: options.production,
    graphiqlHeaders: options.graphiqlHeaders,
  });
  const server = createHttpServer({ gateway, db, authenticator, logger, edge });
  return {
    gateway,
    server,
    services,
    /** Starts listening; port 0 picks a free port. Resolves to the bound port. */
    async listen(port: number, host?: string): Promise<number> {
      await new Promise<void>((resolve) => server.listen(port, host, resolve));
      return (server.address() as { port: number }).port;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
