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
import type { Server } from "node:http";
import { GraphQLError, type ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import type { AuthHeaders, Authenticator, Viewer } from "./auth/credentials.js";
import type { Context } from "./context.js";
import { isDependencyFault } from "./dependency-faults.js";
import { countedSubscription } from "./metrics.js";
import { socketDocument, type PersistedOperations } from "./persisted-operations.js";
import { subscribeShared } from "./shared-execution.js";
import type { Gateway } from "./yoga.js";

type Enveloped = ReturnType<Gateway["getEnveloped"]>;
type WsExtra = {
  /** The connection's caller, when `connection_init` carried credentials. */
  viewer?: Viewer;
};

/** Header-like values (connection params, GraphiQL's headers) as a case-insensitive lookup. */
function headersOf(values: unknown): AuthHeaders | undefined {
  if (typeof values !== "object" || values === null) return undefined;
  const entries = Object.entries(values).filter(([, value]) => typeof value === "string" || typeof value === "number");
  if (!entries.length) return undefined;
  const lowerCased = new Map(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
  return (name) => lowerCased.get(name);
}

/** graphql-ws sends GraphQLErrors as the operation's `error` message; anything else would close the socket. */
function asOperationErrors(error: unknown): GraphQLError[] {
  return [error instanceof GraphQLError ? error : new GraphQLError("Unexpected error.")];
}

export interface GraphqlWsParts {
  gateway: Gateway;
  authenticator: Authenticator;
  logger: Logger;
  persistedOperations: PersistedOperations;
}

export function attachGraphqlWs(server: Server, { gateway, authenticator, logger, persistedOperations }: GraphqlWsParts) {
  const wss = new WebSocketServer({ server, path: gateway.graphqlEndpoint });
  useServer<Record<string, unknown>, WsExtra>(
    {
      onConnect: async (ctx) => {
        const credentials = headersOf(ctx.connectionParams);
        if (!credentials?.("authorization")) return true; // authenticated per operation instead
        try {
          ctx.extra.viewer = await authenticator.authenticate(credentials);
          return true;
        } catch (error) {
          // An outage is no refusal: 1013 (try again later) sends the client back, where 4403 would not.
          if (isDependencyFault(error)) ctx.extra.socket.close(1013, "Service unavailable; retry shortly");
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const document = socketDocument(persistedOperations, payload);
        if (document instanceof GraphQLError) return [document];
        try {
          const viewer = ctx.extra.viewer ?? (await authenticator.authenticate(headersOf(payload.extensions?.headers) ?? (() => undefined)));
          const { schema, execute, contextFactory, parse, validate } = gateway.getEnveloped({
            viewer,
            closeConnection: (code: number, reason: string) => ctx.extra.socket.close(code, reason),
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
          return asOperationErrors(error);
        }
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
