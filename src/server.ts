/**
 * The network edge: node http with the health routes, everything else handed to the gateway
 * (yoga), and graphql-ws on the same port and path. One structured log line per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import type { Authenticator, Viewer } from "./auth/credentials.js";
import type { Context } from "./context.js";
import type { Db } from "./db/client.js";
import { pendingMigrations } from "./db/migrate.js";
import { isDependencyFault } from "./dependency-faults.js";
import { countedSubscription, httpResponses, registry } from "./metrics.js";
import { subscribeShared } from "./shared-execution.js";
import { restRoute } from "./rest/index.js";
import { assignRequestId } from "./use-request-id.js";
import type { Gateway } from "./yoga.js";

export interface ServerParts {
  gateway: Gateway;
  db: Db;
  authenticator: Authenticator;
  logger: Logger;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readiness(db: Db): Promise<{ status: number; body: unknown }> {
  try {
    const pending = await pendingMigrations(db);
    return pending.length ? { status: 503, body: { status: "migrating", pending } } : { status: 200, body: { status: "ready" } };
  } catch (error) {
    return { status: 503, body: { status: "database unreachable", error: (error as Error).message } };
  }
}

type Enveloped = ReturnType<Gateway["getEnveloped"]>;
type WsExtra = {
  viewer?: Viewer;
};

/**
 * graphql-ws on yoga's envelop: sockets get the same schema, context (auth, rate limit) and plugins
 * as HTTP. Credentials come in the `connection_init` payload, in the same form as the HTTP headers;
 * bad ones close the socket with 4403.
 */
function attachGraphqlWs(server: Server, { gateway, authenticator, logger }: ServerParts) {
  const wss = new WebSocketServer({ server, path: gateway.graphqlEndpoint });
  useServer<Record<string, unknown>, WsExtra>(
    {
      onConnect: async (ctx) => {
        const params = Object.fromEntries(Object.entries(ctx.connectionParams ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
        try {
          ctx.extra.viewer = await authenticator.authenticate((name) => params[name]);
          return true;
        } catch (error) {
          // An outage is no refusal: 1013 (try again later) sends the client back, where 4403 would not.
          if (isDependencyFault(error)) ctx.extra.socket.close(1013, "Service unavailable; retry shortly");
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, contextFactory, parse, validate } = gateway.getEnveloped({ viewer: ctx.extra.viewer });
        const args: ExecutionArgs & { rootValue: Pick<Enveloped, "execute"> } = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
      execute: (args) => (args.rootValue as Pick<Enveloped, "execute">).execute(args),
      // Subscriptions bypass envelop's per-subscriber execution: each update is executed once per
      // tenant and operation, and shared (see shared-execution.ts).
      subscribe: async (args) => countedSubscription(await subscribeShared(args, (args.contextValue as Context).viewer.tenantId)),
      onError: (_ctx, _id, _payload, errors) => logger.debug({ errors }, "graphql-ws operation failed"),
    },
    wss,
  );
  return wss;
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
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => unknown> = {
    "/healthz": (_req, res) => json(res, 200, { status: "ok" }),
    "/readyz": async (_req, res) => {
      const { status, body } = await readiness(db);
      json(res, status, body);
    },
    "/metrics": async (_req, res) => {
      const text = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(text);
    },
  };
  const server = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const log = logger.child({ requestId: assignRequestId(req, res) });
    res.once("finish", () => {
      httpResponses.inc({ status: res.statusCode });
      log.info({ method: req.method, url: req.url, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, "request");
    });
    const path = (req.url ?? "/").split("?")[0]!;
    const route = routes[path] ?? restRoute(gateway, path);
    try {
      await (route ? route(req, res) : gateway.handle(req, res));
    } catch (error) {
      log.error({ err: error }, "unhandled request error");
      if (!res.headersSent) json(res, 500, { error: { type: "api_error", message: "Unexpected error." } });
    }
  });
  const wss = attachGraphqlWs(server, parts);
  server.once("close", () => wss.close());
  async function shutdown(graceMs: number) {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of wss.clients) socket.close(1001, "server shutting down");
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
