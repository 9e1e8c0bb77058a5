/**
 * The HTTP status of a GraphQL response follows graphql-over-HTTP: an error's status (404, 502, …)
 * becomes the response's only when the response has no data. When some root field resolved, the
 * response is a 200 carrying both the data and the errors, so clients that reject non-2xx answers
 * keep what did resolve. A response whose every root field is null (`{ shipment: null }` with
 * NOT_FOUND) has no data and keeps the error's status, as the REST routes rely on.
 */
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
}

const hasData = (data: unknown) => data != null && Object.values(data).some((value) => value != null);

/** The same error with its status dropped; response headers it sets (Retry-After) still apply. */
function withoutStatus(error: GraphQLError): GraphQLError {
  const http = error.extensions.http as HttpExtension | undefined;
  if (!http?.status) return error;
  const { status: _status, ...rest } = http;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: rest },
  });
}

export function usePartialDataStatus(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Array.isArray(result) || Symbol.asyncIterator in result) return;
      if (!result.errors?.length || !hasData(result.data)) return;
      setResult({ ...result, errors: result.errors.map((error) => (error instanceof GraphQLError ? withoutStatus(error) : error)) });
    },
  };
}
