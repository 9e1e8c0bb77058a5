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
import { hash } from "node:crypto";
import { type BuildResponseCacheKeyFunction, useResponseCache as useEnvelopResponseCache } from "@envelop/response-cache";
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

/**
 * The key of an answer within its tenant's keys. envelop's own hashes through WebCrypto, one job on
 * the thread pool per request (6% of a cache hit's profile); a synchronous digest costs microseconds.
 * Variables in another order make another key: a miss, never a wrong answer.
 */
const keyOf: BuildResponseCacheKeyFunction = ({ documentString, operationName, variableValues, sessionId }) =>
  hash("sha256", JSON.stringify([documentString, operationName ?? null, variableValues ?? {}, sessionId]), "base64url");

export function useResponseCache(cache: ResponseCache | undefined): Plugin<Context> {
  if (!cache) return {};
  const queries = new WeakMap<Context, QueryCache>();
  const envelop = useEnvelopResponseCache<Context>({
    session: (ctx) => ctx.viewer.tenantId,
    cache: (ctx) => queries.get(ctx as Context)!,
    buildResponseCacheKey: keyOf,
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
