/**
 * The response cache (RESPONSE_CACHE): envelop's response cache, acting in `onExecute` after
 * authentication, rate limit, operation limits, cost and persisted-operation policy, so a cached
 * answer is refused, limited and charged exactly as a fresh one. It sits after the read plans,
 * whose execution it wraps, so a planned answer is cached and its rows collected like any other.
 *
 * Only queries: mutations and subscriptions never reach it. Not cached at all: introspection,
 * answers with errors, `publicTrackingUrl` (the request's origin when PUBLIC_URL is unset) and the
 * webhook fields (deliveries change as the dispatcher works, which announces nothing).
 */
import { useResponseCache as useEnvelopResponseCache } from "@envelop/response-cache";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../../context.js";
import type { QueryCache, ResponseCache } from "./response-cache.js";

const NOT_CACHED = {
  "Query.__schema": 0,
  "Query.__type": 0,
  "Shipment.publicTrackingUrl": 0,
  "Query.webhookEndpoints": 0,
  "Query.webhookDeliveries": 0,
};

export function useResponseCache(cache: ResponseCache | undefined): Plugin<Context> {
  if (!cache) return {};
  const queries = new WeakMap<Context, QueryCache>();
  const envelop = useEnvelopResponseCache<Context>({
    session: (ctx) => ctx.viewer.tenantId,
    cache: (ctx) => queries.get(ctx as Context)!,
    ttl: cache.ttlMs,
    ttlPerSchemaCoordinate: NOT_CACHED,
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    // Errors are the client's to see once, not to be served again.
    shouldCacheResult: ({ result }) => !result.errors?.length,
  });
  return {
    onSchemaChange: envelop.onSchemaChange as Plugin<Context>["onSchemaChange"],
    async onExecute(payload) {
      const operation = getOperationAST(payload.args.document, payload.args.operationName);
      if (operation?.operation !== "query") return;
      const query = cache.forQuery(payload.args.contextValue.viewer.tenantId, operation);
      queries.set(payload.args.contextValue, query);
      const hooks = await envelop.onExecute!(payload as never);
      return (
        hooks && {
          // Answer once the answer is stored, so the caller's next request finds it.
          onExecuteDone: (done) => hooks.onExecuteDone?.(done as never) ?? query.stored(),
        }
      );
    },
  };
}
