/**
 * Per-credential request budget (rate-limiter-flexible). In memory by default; in Redis when
 * REDIS_URL is set so several gateway instances share one budget per key. While Redis is out of
 * reach, each instance counts in memory instead (the insurance limiter): limits loosen to one budget
 * per instance for the outage, but no request fails because of it.
 */
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitError } from "./errors.js";

export interface RateLimit {
  /** Spends one request of `key`'s budget; throws RateLimitError when it is used up. */
  consume(key: string): Promise<void>;
}

export function createRateLimit(options: { points: number; durationSeconds: number; redis?: Redis }): RateLimit {
  const settings = { points: options.points, duration: options.durationSeconds, keyPrefix: "gateway-rl" };
  const limiter = options.redis
    ? new RateLimiterRedis({
        ...settings,
        storeClient: options.redis,
        useRedisPackage: false,
        // Not ready means reconnecting: count in memory now rather than queue behind the reconnect.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(settings),
      })
    : new RateLimiterMemory(settings);
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw new RateLimitError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        throw rejection;
      }
    },
  };
}
