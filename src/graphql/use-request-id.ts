/**
 * Every error a client gets carries the request's id (`extensions.requestId`, the `x-request-id`
 * the edge accepted or made up), so a client's report leads straight to the server's log lines.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphQLError, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";

export const REQUEST_ID_HEADER = "x-request-id";

function withRequestId(result: ExecutionResult, requestId: string): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map(
    (error) =>
      new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...error.extensions, requestId },
      }),
  );
  return { ...result, errors };
}

export function useRequestId(): Plugin {
  return {
    onResultProcess: ({ request, result, setResult }) => {
      const requestId = request.headers.get(REQUEST_ID_HEADER);
      if (!requestId || Symbol.asyncIterator in result) return;
      setResult(
        Array.isArray(result) ? result.map((r) => withRequestId(r, requestId)) : withRequestId(result as ExecutionResult, requestId),
      );
    },
  };
}

// What we accept from a client or a proxy; anything else is replaced rather than logged verbatim.
const ACCEPTABLE_ID = /^[\w.:@-]{1,128}$/;

/**
 * The request's id: the caller's `x-request-id` when it is a sane token, else a new UUID. It is set
 * on the request (for yoga and the REST routes) and on the response.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === "string" && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}
