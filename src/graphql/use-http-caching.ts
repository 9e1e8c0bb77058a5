/**
 * HTTP caching for GET queries: `Cache-Control: private, no-cache` with an ETag, and 304 Not Modified
 * when the client's `If-None-Match` still matches.
 *
 * `private`: answers are per tenant, so no shared cache (CDN, proxy) may keep them; `Vary` names the
 * credential headers so a browser never serves one caller's answer to another. `no-cache`: tracking
 * changes at any moment, so a client revalidates every time; the ETag spares it the body when nothing
 * changed. Responses with errors, streamed ones (@defer/@stream) and anything but GET are left alone.
 */
import { hash } from "node:crypto";
import type { Plugin } from "graphql-yoga";

const VARY = "Authorization, X-Fabric-Tenant-Id, X-Fabric-Channel-Id";

function matches(ifNoneMatch: string | null, etag: string): boolean {
  return !!ifNoneMatch && (ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag));
}

/** A GET answered 200 with JSON: its ETag and caching headers, or 304 when the client's copy still matches. */
async function revalidate({ request, response, setResponse, fetchAPI }: Parameters<NonNullable<Plugin["onResponse"]>>[0]) {
  const body = await response.text();
  const headers = new fetchAPI.Headers(response.headers);
  if ("errors" in JSON.parse(body)) {
    headers.set("cache-control", "no-store");
    setResponse(new fetchAPI.Response(body, { status: 200, headers }));
    return;
  }
  const etag = `"${hash("sha256", body, "base64url")}"`;
  headers.set("cache-control", "private, no-cache");
  headers.set("etag", etag);
  headers.set("vary", [headers.get("vary"), VARY].filter(Boolean).join(", "));
  if (matches(request.headers.get("if-none-match"), etag)) {
    headers.delete("content-length");
    headers.delete("content-type");
    setResponse(new fetchAPI.Response(null, { status: 304, headers }));
    return;
  }
  setResponse(new fetchAPI.Response(body, { status: 200, headers }));
}

export function useHttpCaching(): Plugin {
  return {
    // Not async itself: a POST (nearly every request) passes without a promise of its own.
    onResponse(payload) {
      const { request, response } = payload;
      if (request.method !== "GET" || response.status !== 200 || !/json/.test(response.headers.get("content-type") ?? "")) return;
      return revalidate(payload);
    },
  };
}
