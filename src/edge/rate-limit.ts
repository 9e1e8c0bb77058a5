/**
 * Per-credential budgets (rate-limiter-flexible): requests, and the cost of operations. In memory by
 * default; in Redis when REDIS_URL is set so several gateway instances share one budget per key.
 * While Redis is out of reach, each instance counts in memory instead (the insurance limiter): limits
 * loosen to one budget per instance for the outage, but no request fails because of it.
 */
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitError } from "../errors.js";

export interface RateLimit {
  /** Spends one request of `key`'s budget; throws RateLimitError when it is used up. */
  consume(key: string): Promise<void>;
}

export interface Budget {
  readonly points: number;
  readonly durationSeconds: number;
  /** Spends `points` of `key`'s budget and returns what is left; throws RateLimitError (spending nothing) when that is more than is left. */
  spend(key: string, points: number): Promise<number>;
  /** Gives back what an operation reserved but did not use; returns what is left. */
  refund(key: string, points: number): Promise<number>;
}

interface BudgetOptions {
  points: number;
  durationSeconds: number;
  redis?: Redis;
  /** Separates budgets that share one Redis. */
  keyPrefix: string;
}

function retryAfter(rejection: RateLimiterRes) {
  return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
}

export function createBudget(options: BudgetOptions): Budget {
  const settings = { points: options.points, duration: options.durationSeconds, keyPrefix: options.keyPrefix };
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
    points: options.points,
    durationSeconds: options.durationSeconds,
    async spend(key, points) {
      try {
        return (await limiter.consume(key, points)).remainingPoints;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        await limiter.reward(key, points);
        throw new RateLimitError(retryAfter(rejection));
      }
    },
    async refund(key, points) {
      return (await limiter.reward(key, points)).remainingPoints;
    },
  };
}

export function createRateLimit(options: { points: number; durationSeconds: number; redis?: Redis }): RateLimit {
  const budget = createBudget({ ...options, keyPrefix: "gateway-rl" });
  return {
    async consume(key) {
      await budget.spend(key, 1);
    },
  };
}
