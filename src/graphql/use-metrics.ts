/**
 * Request rate, latency and errors per GraphQL operation name (see metrics.ts), for every request
 * yoga answers: GraphQL over HTTP and the REST routes that run through it.
 */
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import { graphqlDuration, graphqlRequests, operationLabel } from "../metrics.js";

// Clients often send a named operation without `operationName`; its name is in the document's head.
const OPERATION_NAME = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

function operationNameOf(params: { operationName?: string | null; query?: string }): string | undefined {
  return params.operationName ?? (params.query ? OPERATION_NAME.exec(params.query)?.[1] : undefined);
}

function outcomeOf(result: unknown): string {
  if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return "ok"; // a stream: errors come later, per event
  const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
  const error = results.flatMap((r) => r.errors ?? [])[0];
  return error ? String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR") : "ok";
}

export function useMetrics(): Plugin {
  const started = new WeakMap<Request, { operation: string; stopTimer: () => void }>();
  return {
    onParams: ({ params, request }) => {
      const operation = operationLabel(operationNameOf(params));
      started.set(request, { operation, stopTimer: graphqlDuration.startTimer({ operation }) });
    },
    onResultProcess: ({ request, result }) => {
      const timing = started.get(request);
      timing?.stopTimer();
      graphqlRequests.inc({ operation: timing?.operation ?? "anonymous", outcome: outcomeOf(result) });
    },
  };
}
