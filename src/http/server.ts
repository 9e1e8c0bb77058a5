/**
 * The network edge: node http handing each request to the REST routes, the tracking page or the
 * gateway (yoga, which also answers the health routes), and graphql-ws on the same port and path.
 * One structured log line per request.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Authenticator } from "../auth/credentials.js";
import type { Db } from "../db/client.js";
import type { EdgeSettings } from "../edge/settings.js";
import { attachGraphqlWs } from "../graphql/graphql-ws.js";
import { httpResponses } from "../metrics.js";
import type { PersistedOperations } from "../graphql/persisted-operations.js";
import { restRoute } from "../rest/index.js";
import { trackingPageRoute } from "../tracking-page/route.js";
import type { PublicTrackingTokens } from "../tracking-page/tokens.js";
import { assignRequestId } from "../graphql/use-request-id.js";
import type { Gateway } from "../graphql/yoga.js";

export interface ServerParts {
  gateway: Gateway;
  db: Db;
  authenticator: Authenticator;
  logger: Logger;
  persistedOperations: PersistedOperations;
  edge: EdgeSettings;
  trackingPageTokens: PublicTrackingTokens;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export interface HttpServer extends Server {
  /**
   * Stops accepting connections, tells subscribers to go elsewhere (1001 going away), lets requests
   * in flight finish for up to `graceMs`, then cuts whatever is left.
   */
  shutdown(graceMs: number): Promise<void>;
}

export function createHttpServer(parts: ServerParts): HttpServer {
  const { gateway, db, logger } = parts;
  const server = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    // The id goes into each line's own fields rather than a child logger: a child per request costs
    // more than the rest of the log line, and the line reads the same.
    const requestId = assignRequestId(req, res);
    res.once("finish", () => {
      httpResponses.inc({ status: res.statusCode });
      logger.info(
        { requestId, method: req.method, url: req.url, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        "request",
      );
    });
    const path = (req.url ?? "/").split("?")[0]!;
    const route = restRoute(parts, path) ?? trackingPageRoute({ gateway, db, tokens: parts.trackingPageTokens }, path);
    try {
      await (route ? route(req, res) : gateway.handle(req, res));
    } catch (error) {
      logger.error({ requestId, err: error }, "unhandled request error");
      if (!res.headersSent) json(res, 500, { error: { type: "api_error", message: "Unexpected error." } });
    }
  });
  const wss = attachGraphqlWs(server, parts);
  // An upgraded socket still counts as one of the server's connections, so close() would wait for
  // every open subscription (a GraphiQL tab kept shutdown hanging): closing says goodbye to them.
  const close = server.close.bind(server);
  server.close = (callback) => {
    for (const socket of wss.clients) socket.close(1001, "Server shutting down");
    wss.close();
    return close(callback);
  };
  async function shutdown(graceMs: number) {
    const closed = new Promise((resolve) => server.close(resolve));
    // Keep-alive connections turn idle as their last response ends; close each as it does.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      for (const socket of wss.clients) socket.terminate();
    }, graceMs);
    await closed;
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  return Object.assign(server, { shutdown });
}
