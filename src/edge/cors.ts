/**
 * CORS for the GraphQL endpoint: off unless CORS_ORIGINS lists origins, and then only those origins
 * get an `Access-Control-Allow-Origin` (never a reflected one, never `*` with credentials).
 */
import type { CORSOptions, YogaServerOptions } from "graphql-yoga";

/** Headers a browser page may read from our responses (rate limits, retries, correlation). */
export const EXPOSED_HEADERS = ["Retry-After", "x-fabric-request-id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

const ALLOWED_HEADERS = ["authorization", "content-type", "accept", "x-fabric-tenant-id", "x-fabric-channel-id", "x-fabric-request-id"];

export function corsFor(origins: string[]): YogaServerOptions<object, object>["cors"] {
  if (!origins.length) return false;
  const allowed = new Set(origins);
  return (request: Request): CORSOptions => {
    const origin = request.headers.get("origin");
    if (!origin || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ["GET", "POST"],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    };
  };
}
