/**
 * Assembles one gateway instance from its parts: authentication, rate limits, the GraphQL app and
 * the HTTP server. main.ts and the tests build instances the same way.
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { Authenticator } from "./auth/credentials.js";
import type { Config } from "./config.js";
import type { Db } from "./db/client.js";
import { createRateLimit } from "./rate-limit.js";
import { createHttpServer } from "./server.js";
import { createGateway } from "./yoga.js";

export interface AppOptions {
  db: Db;
  logger: Logger;
  redis?: Redis;
  rateLimit: Config["rateLimit"];
  production: boolean;
  graphiqlHeaders?: Record<string, string>;
}

export function createApp(options: AppOptions) {
  const gateway = createGateway({
    db: options.db,
    authenticator: new Authenticator(options.db),
    rateLimit: createRateLimit({ ...options.rateLimit, redis: options.redis }),
    production: options.production,
    graphiqlHeaders: options.graphiqlHeaders,
  });
  const server = createHttpServer({ gateway, db: options.db, logger: options.logger });
  return {
    gateway,
    server,
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
