/**
 * Courier settings from the environment, parsed once and validated with every problem reported
 * together. The caller passes the environment in; this module never reads `process.env`.
 * A courier without credentials is not a problem: it is registered as not configured.
 */
import type { AftershipSettings } from "./aftership.js";
import type { DhlSettings } from "./dhl.js";
import type { OAuthCourierSettings } from "./oauth.js";
import type { ResilienceOptions } from "./resilience.js";

export interface CourierSettings {
  ups: OAuthCourierSettings;
  fedex: OAuthCourierSettings;
  usps: OAuthCourierSettings;
  dhl: DhlSettings;
  aftership: AftershipSettings;
  simulator: { stepMs: number };
  resilience: ResilienceOptions;
}

type Env = Record<string, string | undefined>;

const DEFAULT_BASE_URLS = {
  ups: "https://onlinetools.ups.com",
  fedex: "https://apis.fedex.com",
  usps: "https://apis.usps.com",
  dhl: "https://api-eu.dhl.com",
  aftership: "https://api.aftership.com",
} as const;

/** Environment variable → default, for every numeric knob. */
const NUMBERS = {
  COURIER_TIMEOUT_MS: 10_000,
  COURIER_MAX_RETRIES: 2,
  COURIER_BACKOFF_INITIAL_MS: 200,
  COURIER_BACKOFF_MAX_MS: 5_000,
  COURIER_BREAKER_THRESHOLD: 5,
  COURIER_BREAKER_HALF_OPEN_MS: 30_000,
  SIMULATOR_STEP_MS: 60_000,
} as const;

export function parseCourierSettings(env: Env): { settings: CourierSettings; problems: string[] } {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;

  const number = (name: keyof typeof NUMBERS) => {
    const raw = value(name);
    if (raw === undefined) return NUMBERS[name];
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < 0) {
      problems.push(`${name} must be a whole number of at least 0, got "${raw}"`);
      return NUMBERS[name];
    }
    return parsed;
  };

  const baseUrl = (courier: keyof typeof DEFAULT_BASE_URLS) => {
    const name = `${courier.toUpperCase()}_BASE_URL`;
    const raw = value(name);
    if (raw === undefined) return DEFAULT_BASE_URLS[courier];
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
      problems.push(`${name} must be an http(s) URL, got "${raw}"`);
      return DEFAULT_BASE_URLS[courier];
    }
    return raw;
  };

  // Half a credential pair is a typo, not a choice: say so instead of silently disabling the courier.
  const clientCredentials = (courier: "ups" | "fedex" | "usps") => {
    const prefix = courier.toUpperCase();
    const clientId = value(`${prefix}_CLIENT_ID`);
    const clientSecret = value(`${prefix}_CLIENT_SECRET`);
    if (Boolean(clientId) !== Boolean(clientSecret)) {
      problems.push(`${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET must be set together`);
    }
    return { baseUrl: baseUrl(courier), clientId, clientSecret };
  };

  const settings: CourierSettings = {
    ups: clientCredentials("ups"),
    fedex: clientCredentials("fedex"),
    usps: clientCredentials("usps"),
    dhl: { baseUrl: baseUrl("dhl"), apiKey: value("DHL_API_KEY") },
    aftership: { baseUrl: baseUrl("aftership"), apiKey: value("AFTERSHIP_API_KEY") },
    simulator: { stepMs: number("SIMULATOR_STEP_MS") },
    resilience: {
      timeoutMs: number("COURIER_TIMEOUT_MS"),
      maxRetries: number("COURIER_MAX_RETRIES"),
      backoffInitialMs: number("COURIER_BACKOFF_INITIAL_MS"),
      backoffMaxMs: number("COURIER_BACKOFF_MAX_MS"),
      breakerThreshold: number("COURIER_BREAKER_THRESHOLD"),
      breakerHalfOpenMs: number("COURIER_BREAKER_HALF_OPEN_MS"),
    },
  };
  if (settings.resilience.timeoutMs === 0) problems.push("COURIER_TIMEOUT_MS must be greater than 0");
  if (settings.resilience.breakerThreshold === 0) problems.push("COURIER_BREAKER_THRESHOLD must be greater than 0");
  if (settings.simulator.stepMs === 0) problems.push("SIMULATOR_STEP_MS must be greater than 0");
  return { settings, problems };
}
