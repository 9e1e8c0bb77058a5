/**
 * The gateway's configuration, parsed once from the environment. Every problem is reported together
 * so an operator fixes them in one go (Hive's habit). Only main.ts passes `process.env` in.
 */
import { parseCourierSettings, type CourierSettings } from "./couriers/config.js";
import { EDGE_DEFAULTS, type EdgeSettings } from "./edge/settings.js";
import { loadManifest, type PersistedOperations } from "./graphql/persisted-operations.js";
import type { PollerSettings } from "./tracking/poller.js";
import { WEBHOOK_DEFAULTS, type WebhookSettings } from "./webhooks/settings.js";

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; unset means embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Shared pub/sub and rate limits across instances; unset means in-process. */
  redisUrl?: string;
  /** Seed the demo tenant and shipments when the database is empty. */
  demo: boolean;
  logLevel: string;
  production: boolean;
  rateLimit: { points: number; durationSeconds: number };
  /** Request, operation and credential limits at the network edge, CORS and error detail. */
  edge: EdgeSettings;
  /** Courier credentials, endpoints and resilience tuning. */
  couriers: CourierSettings;
  /** Background tracking: on by default; demo mode polls every few seconds. */
  trackingPoll: PollerSettings & { enabled: boolean };
  /** Seals list cursors; set the same on every instance so a cursor from one pages on another. */
  cursorSecret?: string;
  /** PUBLIC_URL: the gateway's address as customers reach it, for public tracking links. */
  publicUrl?: string;
  /** Webhook delivery: on by default; WEBHOOK_ALLOW_HOSTS exempts hosts from the public-address rule. */
  webhooks: WebhookSettings;
  /** PERSISTED_OPERATIONS: apq (default), allowlist (with PERSISTED_OPERATIONS_FILE) or off. */
  persistedOperations: PersistedOperations;
  /** RESPONSE_CACHE: off (default), memory (this instance only) or redis (shared on REDIS_URL). */
  responseCache?: { store: "memory" | "redis"; ttlMs: number };
}

// Demo mode runs fast, so the simulator shipments visibly move within seconds of `npm start`.
const DEMO_SIMULATOR_STEP_MS = 20_000;

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function isLoopback(host: string) {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === "") return fallback;
    if (["1", "true", "yes", "on"].includes(raw)) return true;
    if (["0", "false", "no", "off"].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]) => {
    const raw = env[name];
    if (!raw) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must start with ${protocols.join(" or ")}`);
    } catch {
      problems.push(`${name} is not a URL`);
    }
    return raw;
  };

  const databaseUrl = url("DATABASE_URL", ["postgres:", "postgresql:"]);
  // Demo data belongs to the zero-setup path; against a real database it is opt-in.
  const demo = bool("DEMO", databaseUrl === undefined);
  const couriers = parseCourierSettings(
    demo && !env.SIMULATOR_STEP_MS ? { ...env, SIMULATOR_STEP_MS: String(DEMO_SIMULATOR_STEP_MS) } : env,
  );
  problems.push(...couriers.problems);
  const logLevel = env.LOG_LEVEL || "info";
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  const cursorSecret = env.CURSOR_SECRET || undefined;
  if (cursorSecret !== undefined && cursorSecret.length < 32) problems.push("CURSOR_SECRET must have at least 32 characters");
  const persistedOperations = (): PersistedOperations => {
    const mode = env.PERSISTED_OPERATIONS || "apq";
    if (mode === "apq" || mode === "off") return { mode };
    if (mode !== "allowlist") {
      problems.push(`PERSISTED_OPERATIONS must be apq, allowlist or off (got "${mode}")`);
      return { mode: "apq" };
    }
    const file = env.PERSISTED_OPERATIONS_FILE;
    if (!file) {
      problems.push("PERSISTED_OPERATIONS=allowlist needs PERSISTED_OPERATIONS_FILE (a JSON object of SHA-256 hash to document)");
      return { mode: "off" };
    }
    try {
      return { mode, manifest: loadManifest(file) };
    } catch (error) {
      problems.push(`PERSISTED_OPERATIONS_FILE: ${(error as Error).message}`);
      return { mode: "off" };
    }
  };
  const responseCache = (): Config["responseCache"] => {
    const store = env.RESPONSE_CACHE || "off";
    const ttlMs = int("RESPONSE_CACHE_TTL_SECONDS", 60, 1, 86_400) * 1000;
    if (store === "off") return undefined;
    if (store !== "memory" && store !== "redis") {
      problems.push(`RESPONSE_CACHE must be off, memory or redis (got "${store}")`);
      return undefined;
    }
    // In memory, another instance's writes would never reach this one's copies.
    if (store === "redis" && !env.REDIS_URL) problems.push("RESPONSE_CACHE=redis needs REDIS_URL");
    return { store, ttlMs };
  };
  const host = env.HOST || "0.0.0.0";
  const origins = (name: string) => {
    const list = (env[name] ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean);
    for (const origin of list) {
      // An exact origin only: "*" or a path would let pages we do not know call with credentials.
      if (!/^https?:\/\/[^/\s*]+$/.test(origin))
        problems.push(`${name} must list origins such as https://app.example.com (got "${origin}")`);
    }
    return list;
  };
  const config: Config = {
    port: int("PORT", 4000, 0, 65535),
    host,
    databaseUrl,
    dataDir: env.DATA_DIR || ".data",
    redisUrl: url("REDIS_URL", ["redis:", "rediss:"]),
    demo,
    logLevel,
    production: env.NODE_ENV === "production",
    rateLimit: {
      points: int("RATE_LIMIT_POINTS", 600, 1, 1_000_000),
      durationSeconds: int("RATE_LIMIT_DURATION_SECONDS", 60, 1, 86_400),
    },
    edge: {
      maxBodyBytes: int("MAX_BODY_BYTES", EDGE_DEFAULTS.maxBodyBytes, 1_024, 100 * 1_048_576),
      maxTokens: int("MAX_TOKENS", EDGE_DEFAULTS.maxTokens, 10, 1_000_000),
      maxDepth: int("MAX_DEPTH", EDGE_DEFAULTS.maxDepth, 1, 1_000),
      maxAliases: int("MAX_ALIASES", EDGE_DEFAULTS.maxAliases, 0, 100_000),
      maxDirectives: int("MAX_DIRECTIVES", EDGE_DEFAULTS.maxDirectives, 0, 100_000),
      maxOperationCost: int("MAX_OPERATION_COST", EDGE_DEFAULTS.maxOperationCost, 1, 10_000_000),
      costBudget: {
        points: int("COST_BUDGET_POINTS", EDGE_DEFAULTS.costBudget.points, 1, 100_000_000),
        durationSeconds: int("COST_BUDGET_SECONDS", EDGE_DEFAULTS.costBudget.durationSeconds, 1, 86_400),
      },
      corsOrigins: origins("CORS_ORIGINS"),
      introspection: bool("INTROSPECTION", EDGE_DEFAULTS.introspection),
      devErrors: bool("DEV_ERRORS", env.NODE_ENV !== "production" && isLoopback(host)),
      authFailures: {
        perIp: int("AUTH_FAILURES_PER_IP", EDGE_DEFAULTS.authFailures.perIp, 1, 1_000_000),
        perKey: int("AUTH_FAILURES_PER_KEY", EDGE_DEFAULTS.authFailures.perKey, 1, 1_000_000),
        windowSeconds: int("AUTH_FAILURE_WINDOW_SECONDS", EDGE_DEFAULTS.authFailures.windowSeconds, 1, 86_400),
      },
      wsCredentialCheckSeconds: int("WS_CREDENTIAL_CHECK_SECONDS", EDGE_DEFAULTS.wsCredentialCheckSeconds, 1, 3_600),
    },
    couriers: couriers.settings,
    trackingPoll: {
      enabled: bool("TRACKING_POLL", true),
      intervalSeconds: int("TRACKING_POLL_INTERVAL_SECONDS", demo ? 2 : 60, 1, 86_400),
      budget: int("TRACKING_POLL_BUDGET", 50, 1, 100_000),
      backoffSeconds: int("TRACKING_POLL_BACKOFF_SECONDS", demo ? 5 : 1_800, 1, 86_400),
      expiryDays: int("TRACKING_EXPIRY_DAYS", 30, 1, 3_650),
    },
    cursorSecret,
    publicUrl: url("PUBLIC_URL", ["http:", "https:"])?.replace(/\/+$/, ""),
    webhooks: {
      ...WEBHOOK_DEFAULTS,
      deliver: bool("WEBHOOKS", true),
      allowHosts: (env.WEBHOOK_ALLOW_HOSTS ?? "")
        .split(",")
        .map((host) => host.trim())
        .filter(Boolean),
      timeoutMs: int("WEBHOOK_TIMEOUT_MS", WEBHOOK_DEFAULTS.timeoutMs, 100, 60_000),
      retryLimit: int("WEBHOOK_RETRY_LIMIT", WEBHOOK_DEFAULTS.retryLimit, 0, 20),
      retryDelaySeconds: int("WEBHOOK_RETRY_DELAY_SECONDS", WEBHOOK_DEFAULTS.retryDelaySeconds, 1, 3_600),
    },
    persistedOperations: persistedOperations(),
    responseCache: responseCache(),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
