/**
 * What operators scrape at `GET /metrics` (Prometheus text format, prom-client). One registry per
 * process: every gateway instance in it adds to the same series, as a scrape of the process expects.
 * Names start with `gateway_`; latencies are in seconds.
 */
import type pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry });
const registers = [registry];

export const graphqlRequests = new Counter({
  name: "gateway_graphql_requests_total",
  help: "GraphQL requests over HTTP (REST routes included), by operation name and outcome (ok, or the first error code).",
  labelNames: ["operation", "outcome"] as const,
  registers,
});

export const graphqlDuration = new Histogram({
  name: "gateway_graphql_request_duration_seconds",
  help: "Time from parsed GraphQL parameters to a result, by operation name.",
  labelNames: ["operation"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const httpResponses = new Counter({
  name: "gateway_http_responses_total",
  help: "HTTP responses by status code.",
  labelNames: ["status"] as const,
  registers,
});

export const subscriptionsOpen = new Gauge({
  name: "gateway_subscriptions_open",
  help: "trackingUpdated subscriptions currently open over graphql-ws.",
  registers,
});

export const courierCalls = new Counter({
  name: "gateway_courier_calls_total",
  help: "Tracking calls to couriers, by courier and outcome (ok, or the upstream failure type).",
  labelNames: ["courier", "outcome"] as const,
  registers,
});

export const courierBreakerState = new Gauge({
  name: "gateway_courier_breaker_state",
  help: "Circuit breaker per courier: 0 closed, 1 half-open, 2 open (failing fast).",
  labelNames: ["courier"] as const,
  registers,
});

export const embeddedPostgresRestarts = new Counter({
  name: "gateway_embedded_postgres_restarts_total",
  help: "Times the supervisor restarted embedded PostgreSQL after its postmaster died.",
  registers,
});

/** Fed by the update relay: time from a change's commit to its publication on the bus. */
export const publishLag = new Histogram({
  name: "gateway_publish_lag_seconds",
  help: "Time from a tracking change's commit to its publication (fed by the update relay).",
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers,
});

/** Fed by the update relay: committed changes not yet published. */
export const outboxDepth = new Gauge({
  name: "gateway_outbox_depth",
  help: "Committed tracking changes not yet published (fed by the update relay).",
  registers,
});

const pools = new Set<pg.Pool>();

/** Reports `pool` in `gateway_db_pool_connections` until it is ended. */
export function observePool(pool: pg.Pool) {
  pools.add(pool);
}

new Gauge({
  name: "gateway_db_pool_connections",
  help: "PostgreSQL pool connections: total open, idle, and requests waiting for one.",
  labelNames: ["state"] as const,
  registers,
  collect() {
    const sum = { total: 0, idle: 0, waiting: 0 };
    for (const pool of pools) {
      if (pool.ended) {
        pools.delete(pool);
        continue;
      }
      sum.total += pool.totalCount;
      sum.idle += pool.idleCount;
      sum.waiting += pool.waitingCount;
    }
    for (const [state, value] of Object.entries(sum)) this.set({ state }, value);
  },
});

// Operation names come from clients; past this many distinct ones, the rest share one series.
const MAX_OPERATION_NAMES = 200;
const operationNames = new Set<string>();

/** The label for a client's operation name, bounded in cardinality. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return "other";
  operationNames.add(name);
  return name;
}

/** Counts `stream` in `gateway_subscriptions_open` from its first read until it ends or is closed. */
export function countedSubscription<T>(stream: T): T {
  if (!stream || typeof stream !== "object" || !(Symbol.asyncIterator in stream)) return stream;
  const source = stream as AsyncIterable<unknown>;
  async function* counted() {
    subscriptionsOpen.inc();
    try {
      yield* source;
    } finally {
      subscriptionsOpen.dec();
    }
  }
  return counted() as T;
}
