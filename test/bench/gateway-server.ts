/**
 * The subject: one gateway instance exactly as main.ts assembles it (createApp), with a rate limit
 * and cost budget too high to trip and logging off, so the figures are about the request path rather than the log
 * sink. With a Redis URL it shares pub/sub (and rate limits) with other instances.
 */
import { Redis } from "ioredis";
import { pino } from "pino";
import { createApp } from "../../src/app.js";
import { createDb } from "../../src/db/client.js";
import { EDGE_DEFAULTS } from "../../src/edge/settings.js";
import type { BenchServer } from "./server-kit.js";

export interface GatewayOptions {
  url: string;
  redisUrl?: string;
  credentialCacheTtlMs?: number;
  /** RESPONSE_CACHE; `redis` needs `redisUrl`. Off when unset, as by default. */
  responseCache?: "memory" | "redis";
}

export async function startGateway({ url, redisUrl, credentialCacheTtlMs, responseCache }: GatewayOptions): Promise<BenchServer> {
  let statements = 0;
  const { db, pool } = createDb({ url, onStatement: () => statements++ });
  const redis = redisUrl ? { publish: new Redis(redisUrl), subscribe: new Redis(redisUrl) } : undefined;
  const app = createApp({
    db,
    pool,
    logger: pino({ level: "silent" }),
    redis,
    rateLimit: { points: 1_000_000_000, durationSeconds: 60 },
    // The cost budget (50,000 points a minute) would refuse the load within seconds, like the rate limit.
    edge: { ...EDGE_DEFAULTS, costBudget: { points: 1_000_000_000, durationSeconds: 60 } },
    production: true,
    credentialCacheTtlMs,
    responseCache: responseCache && { store: responseCache, ttlMs: 60_000 },
  });
  // When the ingestor publishes (wall-clock ms, µs resolution, comparable across processes on this
  // host): cross-instance measures from here, so how publication overlaps the mutation's response
  // does not colour the figure.
  let lastPublishAt = 0;
  const pubsub = app.services.pubsub;
  const publish = pubsub.publish.bind(pubsub);
  pubsub.publish = ((...args: Parameters<typeof publish>) => {
    lastPublishAt = performance.timeOrigin + performance.now();
    return publish(...args);
  }) as typeof pubsub.publish;
  // …and when a publication arrives from Redis, which splits cross-instance latency into the Redis
  // hop and this instance's own work.
  let lastRedisMessageAt = 0;
  redis?.subscribe.on("message", () => (lastRedisMessageAt = performance.timeOrigin + performance.now()));
  const port = await app.listen(0, "127.0.0.1");
  return {
    port,
    statements: () => statements,
    lastPublishAt: () => lastPublishAt,
    lastRedisMessageAt: () => lastRedisMessageAt,
    async close() {
      await app.close();
      await db.$disconnect();
      redis?.publish.disconnect();
      redis?.subscribe.disconnect();
    },
  };
}
