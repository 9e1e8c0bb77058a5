/**
 * OAuth 2.0 client-credentials tokens for couriers that use them (UPS, FedEx, USPS), cached until
 * shortly before they expire so a sync costs one tracking call, not two.
 */
import { CourierError } from "../errors.js";
import type { CourierRuntime } from "./adapter.js";
import { courierHttp, type CourierHttp } from "./http.js";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenSourceOptions extends ClientCredentials {
  courier: string;
  http: CourierHttp;
  /** Token endpoint path, e.g. `/security/v1/oauth/token`. */
  path: string;
  /**
   * How the client authenticates: `basic` sends id and secret as HTTP Basic (UPS documents
   * `client_secret_basic`); `body` sends them as form fields (FedEx, USPS).
   */
  clientAuth: "basic" | "body";
  now?: () => Date;
}

export interface TokenSource {
  /** A valid bearer token, fetching a new one only when the cached one is about to expire. */
  token(signal: AbortSignal): Promise<string>;
  /** Forgets the cached token, e.g. after the courier rejected it. */
  invalidate(): void;
}

interface TokenResponse {
  access_token?: string;
  /** Seconds; UPS sends it as a string. */
  expires_in?: number | string;
}

// Renew this long before the courier's expiry so a token never dies mid-request.
const EXPIRY_MARGIN_MS = 60_000;

export function clientCredentialsToken(options: TokenSourceOptions): TokenSource {
  const now = options.now ?? (() => new Date());
  let cached: { token: string; expiresAt: number } | undefined;
  // Concurrent tracks share one token request instead of racing for several.
  let pending: Promise<string> | undefined;

  async function fetchToken(signal: AbortSignal): Promise<string> {
    const form: Record<string, string> = { grant_type: "client_credentials" };
    const headers: Record<string, string> = {};
    if (options.clientAuth === "basic") {
      headers.authorization = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString("base64")}`;
    } else {
      form.client_id = options.clientId;
      form.client_secret = options.clientSecret;
    }
    const body = await options.http.send<TokenResponse>({ method: "POST", path: options.path, headers, form }, signal);
    if (!body.access_token) {
      throw new CourierError(options.courier, { type: "bad_response" }, `${options.courier} token response has no access_token`);
    }
    const lifetimeMs = Number(body.expires_in ?? 0) * 1000;
    cached = { token: body.access_token, expiresAt: now().getTime() + lifetimeMs - EXPIRY_MARGIN_MS };
    return body.access_token;
  }

  return {
    async token(signal) {
      if (cached && cached.expiresAt > now().getTime()) return cached.token;
      pending ??= fetchToken(signal).finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** Runs a call with a bearer token; a 401 means the token was revoked early, so it is dropped. */
export async function withBearer<T>(tokens: TokenSource, signal: AbortSignal, call: (authorization: string) => Promise<T>): Promise<T> {
  const token = await tokens.token(signal);
  try {
    return await call(`Bearer ${token}`);
  } catch (error) {
    if (error instanceof CourierError && error.upstream.type === "unauthorized") tokens.invalidate();
    throw error;
  }
}

/** Settings of a courier that authenticates with OAuth client credentials (UPS, FedEx, USPS). */
export interface OAuthCourierSettings {
  baseUrl: string;
  clientId?: string;
  clientSecret?: string;
}

/** The HTTP client and token source of an OAuth courier, and whether its credentials are present. */
export function oauthCourier(
  courier: string,
  settings: OAuthCourierSettings,
  token: Pick<TokenSourceOptions, "path" | "clientAuth">,
  runtime?: CourierRuntime,
): { http: CourierHttp; tokens: TokenSource; configured: boolean } {
  const http = courierHttp(courier, settings.baseUrl, runtime);
  const tokens = clientCredentialsToken({
    courier,
    http,
    ...token,
    clientId: settings.clientId ?? "",
    clientSecret: settings.clientSecret ?? "",
    now: runtime?.now,
  });
  return { http, tokens, configured: Boolean(settings.clientId && settings.clientSecret) };
}
