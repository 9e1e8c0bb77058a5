/**
 * Where the domain's plain errors become GraphQL errors, once for every GraphQL answer (HTTP,
 * subscription events, graphql-ws operation errors). An `ApiError` keeps its message and gets
 * `extensions` { code, type, its fields, http }; yoga reads `http` for the status and headers of a
 * single-shot response. A dependency fault (PostgreSQL or Redis out of reach) becomes
 * SERVICE_UNAVAILABLE (503, Retry-After) rather than "Unexpected error.", so clients retry instead
 * of reporting a bug. Anything else is yoga's masking.
 */
import { GraphQLError } from "graphql";
import { maskError, type YogaMaskedErrorOpts } from "graphql-yoga";
import { isDependencyFault } from "../dependency-faults.js";
import { ApiError, ServiceUnavailableError } from "../errors.js";
import { SlowConsumerError } from "../tracking/bus.js";

/** An error the client is meant to read, as the domain raised it. */
type ClientError = ApiError | SlowConsumerError;

/** What an error says in GraphQL's `extensions`. */
export function extensionsOf(error: ClientError): Record<string, unknown> {
  if (error instanceof SlowConsumerError) return { code: "SLOW_CONSUMER", closeCode: error.closeCode };
  const { code, type, fields, status, headers } = error;
  const http = Object.keys(headers).length ? { status, headers } : { status };
  return { code, type, ...fields, http };
}

/** The client error as GraphQL answers it; `at` is the error graphql-js located it with (path, locations). */
export function toGraphQLError(error: ClientError, at?: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    extensions: extensionsOf(error),
  });
}

/** The client error `error` is, or that graphql-js wrapped in it (a resolver's throw, a coerced value's). */
function clientErrorIn(error: unknown): ClientError | undefined {
  if (error instanceof ApiError || error instanceof SlowConsumerError) return error;
  return error instanceof GraphQLError ? clientErrorIn(error.originalError) : undefined;
}

/** The client error in `error` as GraphQL answers it, where it was located; undefined when there is none. */
function answerOf(error: unknown): GraphQLError | undefined {
  const client = clientErrorIn(error);
  return client && toGraphQLError(client, error instanceof GraphQLError ? error : undefined);
}

export const maskGatewayError: YogaMaskedErrorOpts["maskError"] = (error, message, isDev) =>
  answerOf(error) ?? (isDependencyFault(error) ? toGraphQLError(new ServiceUnavailableError()) : maskError(error, message, isDev));

/** For graphql-js results: a GraphQLError in, a GraphQLError out. */
export const maskGraphQLError = (error: GraphQLError) => maskGatewayError(error, "Unexpected error.") as GraphQLError;

/**
 * What a graphql-ws operation reports when it fails outside execution (authentication, the context,
 * the event stream): a client error as GraphQL words it, a GraphQL error as it is, anything else
 * as "Unexpected error." (graphql-ws would close the socket for an error that is no GraphQLError).
 */
export function operationError(error: unknown): GraphQLError {
  return answerOf(error) ?? (error instanceof GraphQLError ? error : new GraphQLError("Unexpected error."));
}
