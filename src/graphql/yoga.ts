/**
 * The GraphQL app (yoga): schema, plugins in the order they act, and the per-request context. It owns
 * no port: server.ts mounts it on node http, graphql-ws.ts runs subscriptions through its envelop,
 * and the REST routes call `gateway.fetch` with the operations they translate to.
 */
import { useDeferStream } from "@graphql-yoga/plugin-defer-stream";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { Authenticator, Viewer } from "../auth/credentials.js";
import type { Context, Services } from "../context.js";
import { corsFor } from "../edge/cors.js";
import type { EdgeSettings } from "../edge/settings.js";
import { useOperationCost } from "../edge/use-operation-cost.js";
import { useOperationLimits } from "../edge/use-operation-limits.js";
import { useRequestGate } from "../edge/use-request-gate.js";
import { renderGraphiqlPage } from "../graphiql/page.js";
import { useHealthRoutes } from "../http/health.js";
import { useGraphiqlAssets } from "../graphiql/use-graphiql-assets.js";
import { useInputErrors } from "./input-errors.js";
import { maskGatewayError } from "./mask-error.js";
import { usePersistedOperationsPolicy, type PersistedOperations } from "./persisted-operations.js";
import { useReadPlans } from "./read-plan/use-read-plans.js";
import type { ResponseCache } from "./response-cache/response-cache.js";
import { useResponseCache } from "./response-cache/use-response-cache.js";
import type { Budget, RateLimit } from "../edge/rate-limit.js";
import { useMetrics } from "./use-metrics.js";
import { useRequestId } from "./use-request-id.js";
import { validatingOnce } from "./validate-once.js";
import { schema } from "./schema/index.js";
import { usePartialDataStatus } from "./use-partial-data-status.js";
import { useHttpCaching } from "./use-http-caching.js";
import { useIdempotency } from "./use-idempotency.js";

export interface GatewayParts {
  services: Services;
  authenticator: Authenticator;
  rateLimit: RateLimit;
  /** Where the cost of operations is charged, per credential. */
  costBudget: Budget;
  edge: EdgeSettings;
  /** Hide unexpected errors' messages ("Unexpected error."); on in production. */
  production: boolean;
  /** Automatic persisted queries (default), an allowlist, or neither. */
  persistedOperations?: PersistedOperations;
  /** Pre-filled GraphiQL headers (demo credentials), if any. */
  graphiqlHeaders?: Record<string, string>;
  /** Answer the hot reads from planned SQL (src/graphql/read-plan/); on unless false. */
  readPlans?: boolean;
  /** Cached query answers per tenant (src/graphql/response-cache/); none when unset. */
  responseCache?: ResponseCache;
}

/** The caller, authenticated before yoga parses anything: by the request gate (HTTP) or graphql-ws. */
export interface ServerContext {
  viewer?: Viewer;
  closeConnection?: (code: number, reason: string) => void;
}

export type Gateway = YogaServerInstance<ServerContext, Context>;

export const EXAMPLE_QUERY = /* GraphQL */ `# Shipments of the demo tenant, with cartons, items and tracking.
query Shipments {
  shipments(first: 5) {
    nodes {
      id
      shipmentNumber
      statusCode
      shipmentCourier
      trackingStatus
      trackingSubstatus
      expectedDelivery
      cartons {
        trackingNumber
        trackingStatus
        items { sku shippedQuantity }
        trackingEvents(last: 3) { event eventRecordedAt location status substatus }
      }
    }
  }
}
`;

const EXAMPLE_SUBSCRIPTION = /* GraphQL */ `# Tracking changes of every shipment of the tenant, live (over WebSocket).
subscription TrackingUpdated {
  trackingUpdated {
    version
    source
    previousStatus
    status
    shipment { id shipmentNumber statusCode trackingStatus trackingSubstatus expectedDelivery }
    events { event eventRecordedAt location status substatus }
  }
}
`;

export function createGateway(parts: GatewayParts): Gateway {
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    maskedErrors: { isDev: parts.edge.devErrors, maskError: maskGatewayError },
    // The request gate bounds the body (Content-Length, or counting a chunked one) without yoga's per-request stream.
    maxRequestBodySize: false,
    cors: corsFor(parts.edge.corsOrigins),
    graphiql: {
      title: "Shipment tracking gateway",
      defaultTabs: [EXAMPLE_QUERY, EXAMPLE_SUBSCRIPTION].map((query) => ({
        query,
        headers: parts.graphiqlHeaders ? JSON.stringify(parts.graphiqlHeaders, null, 2) : null,
      })),
      subscriptionsProtocol: "WS",
    },
    renderGraphiQL: renderGraphiqlPage,
    logging: false,
    plugins: validatingOnce([
      useHealthRoutes(parts.services.pool),
      useGraphiqlAssets(),
      useRequestGate({ authenticator: parts.authenticator, maxBodyBytes: parts.edge.maxBodyBytes, graphqlEndpoint: "/graphql" }),
      ...useOperationLimits(parts.edge, parts.production),
      useOperationCost({ budget: parts.costBudget, maxOperationCost: parts.edge.maxOperationCost }),
      useInputErrors(),
      usePartialDataStatus(),
      usePersistedOperationsPolicy(parts.persistedOperations ?? { mode: "apq" }),
      useReadPlans({ enabled: parts.readPlans ?? true }),
      useResponseCache(parts.responseCache),
      useDeferStream(),
      useHttpCaching(),
      useIdempotency(),
      useRequestId(),
      useMetrics(),
    ]),
    // validatingOnce keeps each document's validation result; yoga's would only repeat it.
    parserAndValidationCache: { validationCache: false },
    context: async ({ request, viewer, closeConnection }) => {
      const caller = viewer ?? (await parts.authenticator.authenticate((name) => request.headers.get(name)));
      await parts.rateLimit.consume(caller.credentialId);
      // The spread last: on node 20's V8, properties written after a spread take a slow path (~2 µs
      // each, on every request); written before it, the literal is a plain copy.
      return { viewer: caller, closeConnection, ...parts.services };
    },
  });
}
