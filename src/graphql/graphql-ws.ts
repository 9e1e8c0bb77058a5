/**
 * graphql-ws on yoga's envelop: sockets get the same schema, context (auth, rate limit) and plugins
 * as HTTP, on the same port and path.
 *
 * Credentials come in one of two places, in the same form as the HTTP headers:
 * - the `connection_init` payload (`{ "authorization": "…" }`): the whole socket is that caller, and
 *   bad credentials close it with 4403;
 * - when that payload carries none (GraphiQL sends `{}` and puts the tab's headers in every
 *   subscribe message's `payload.extensions.headers`): each operation is authenticated on its own,
 *   and bad credentials error that operation only.
 */
import type { IncomingMessage, Server } from "node:http";
import { GraphQLError, type ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import type { AuthHeaders, Authenticator, Viewer } from "../auth/credentials.js";
import type { Context } from "../context.js";
import { isDependencyFault } from "../dependency-faults.js";
import type { EdgeSettings } from "../edge/settings.js";
import { operationError } from "./mask-error.js";
import { countedSubscription } from "../metrics.js";
import { socketDocument, type PersistedOperations } from "./persisted-operations.js";
import { subscribeShared } from "./shared-execution.js";
import type { Gateway } from "./yoga.js";

type Enveloped = ReturnType<Gateway["getEnveloped"]>;
type WsExtra = {
  socket: WebSocket;
  request: IncomingMessage;
  /** The connection's caller, when `connection_init` carried credentials. */
  viewer?: Viewer;
};

/**
 * Before connection_init is answered a socket is anonymous: its messages are a connection_init of a
 * few headers, so anything larger is refused (the server-wide `maxPayload` already stops a huge
 * frame before it is buffered).
 */
const MAX_ANONYMOUS_MESSAGE_BYTES = 16 * 1024;

/** Credentials each open socket acts with: its connection's, or its operations' own. */
const credentialsInUse = new WeakMap<WebSocket, Set<string>>();

/** Header-like values (connection params, GraphiQL's headers) as a case-insensitive lookup. */
function headersOf(values: unknown): AuthHeaders | undefined {
  if (typeof values !== "object" || values === null) return undefined;
  const entries = Object.entries(values).filter(([, value]) => typeof value === "string" || typeof value === "number");
  if (!entries.length) return undefined;
  const lowerCased = new Map(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
  return (name) => lowerCased.get(name);
}

export interface GraphqlWsParts {
  gateway: Gateway;
  authenticator: Authenticator;
  logger: Logger;
  persistedOperations: PersistedOperations;
  edge: EdgeSettings;
}

/** An outage is no refusal: 1013 (try again later) sends the client back, to resume where it was. */
const TRY_AGAIN_LATER = [1013, "Service unavailable; retry shortly"] as const;

function using(socket: WebSocket, viewer: Viewer) {
  const ids = credentialsInUse.get(socket) ?? new Set();
  credentialsInUse.set(socket, ids.add(viewer.credentialId));
  return viewer;
}

/** Revocation reaches open sockets within one check: a socket acting with a revoked credential is closed with 4403. */
function watchRevocations(wss: WebSocketServer, authenticator: Authenticator, everyMs: number, logger: Logger) {
  const timer = setInterval(async () => {
    const sockets = [...wss.clients].filter((socket) => credentialsInUse.has(socket));
    const ids = [...new Set(sockets.flatMap((socket) => [...credentialsInUse.get(socket)!]))];
    if (!ids.length) return;
    try {
      const revoked = await authenticator.revoked(ids);
      for (const socket of sockets) {
        if ([...credentialsInUse.get(socket)!].some((id) => revoked.has(id))) socket.close(4403, "Credentials revoked");
      }
    } catch (error) {
      logger.warn({ err: error }, "could not re-check WebSocket credentials");
    }
  }, everyMs);
  timer.unref();
  wss.once("close", () => clearInterval(timer));
}

/** Refuses an anonymous socket's oversized messages before graphql-ws reads them. */
function limitAnonymousMessages(wss: WebSocketServer) {
  wss.on("connection", (socket) => {
    const guard = (data: Buffer) => {
      if (credentialsInUse.has(socket) || data.length <= MAX_ANONYMOUS_MESSAGE_BYTES) return;
      socket.close(1009, "Message too big before connection_init is acknowledged");
    };
    socket.on("message", guard);
  });
}

export function attachGraphqlWs(server: Server, { gateway, authenticator, logger, persistedOperations, edge }: GraphqlWsParts) {
  const wss = new WebSocketServer({ server, path: gateway.graphqlEndpoint, maxPayload: edge.maxBodyBytes });
  limitAnonymousMessages(wss); // registered before graphql-ws, so it sees each message first
  watchRevocations(wss, authenticator, edge.wsCredentialCheckSeconds * 1000, logger);
  useServer<Record<string, unknown>, WsExtra>(
    {
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        if (socket.readyState !== socket.OPEN) return false; // refused while its message was read
        const credentials = headersOf(ctx.connectionParams);
        if (!credentials?.("authorization")) {
          credentialsInUse.set(socket, new Set()); // acknowledged: operations bring their own
          return true;
        }
        try {
          ctx.extra.viewer = using(socket, await authenticator.authenticate(credentials, request.socket.remoteAddress));
          return true;
        } catch (error) {
          // Where 4403 would tell the client to give up.
          if (isDependencyFault(error)) ctx.extra.socket.close(...TRY_AGAIN_LATER);
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const document = socketDocument(persistedOperations, payload);
        if (document instanceof GraphQLError) return [document];
        try {
          const { socket, request } = ctx.extra;
          const headers = headersOf(payload.extensions?.headers) ?? (() => undefined);
          const viewer = ctx.extra.viewer ?? using(socket, await authenticator.authenticate(headers, request.socket.remoteAddress));
          const { schema, execute, contextFactory, parse, validate } = gateway.getEnveloped({
            viewer,
            closeConnection: (code: number, reason: string) => socket.close(code, reason),
          });
          const args: ExecutionArgs & { rootValue: Pick<Enveloped, "execute"> } = {
            schema,
            operationName: payload.operationName,
            document: parse(document),
            variableValues: payload.variables,
            contextValue: await contextFactory(),
            rootValue: { execute },
          };
          const errors = validate(args.schema, args.document);
          return errors.length ? errors : args;
        } catch (error) {
          return [operationError(error)];
        }
      },
      execute: (args) => (args.rootValue as Pick<Enveloped, "execute">).execute(args),
      // Subscriptions bypass envelop's per-subscriber execution: each update is executed once per
      // tenant and operation, and shared (see shared-execution.ts).
      subscribe: async (args) => {
        const { viewer, closeConnection } = args.contextValue as Context;
        return countedSubscription(await subscribeShared(args, viewer.tenantId, () => closeConnection?.(...TRY_AGAIN_LATER)));
      },
      onError: (_ctx, _id, _payload, errors) => logger.debug({ errors }, "graphql-ws operation failed"),
    },
    wss,
  );
  return wss;
}
