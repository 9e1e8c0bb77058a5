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
  for (const each of (Array.isArray(result) ? result : [result]) as ExecutionResult[]) {
    const error = each.errors?.[0];
    if (error) return String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  }
  return "ok";
}

export function useMetrics(): Plugin {
  // A start time rather than prom-client's startTimer: no two closures per request.
  const started = new WeakMap<Request, { operation: string; at: number }>();
  return {
    onParams: ({ params, request }) => {
      started.set(request, { operation: operationLabel(operationNameOf(params)), at: performance.now() });
    },
    onResultProcess: ({ request, result }) => {
      const timing = started.get(request);
      const operation = timing?.operation ?? "anonymous";
      if (timing) graphqlDuration.observe({ operation }, (performance.now() - timing.at) / 1000);
      graphqlRequests.inc({ operation, outcome: outcomeOf(result) });
    },
  };
}
