/**
 * GET /track/{trackingNumber}?token=… — the public tracking page — and GET /track/{trackingNumber}/live?token=…,
 * its server-sent events. The token is the only credential: it names one shipment, and the page runs
 * the fixed operations of documents.ts as that shipment's tenant, with the shipment id set here.
 * Every way of not matching (unknown number, wrong or missing token, another shipment's token) gets
 * the same 404, so the page never tells whether a tracking number exists.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse, type ExecutionArgs } from "graphql";
import type { Viewer } from "../auth/credentials.js";
import type { Db } from "../db/client.js";
import { byTrackingNumber } from "../graphql/schema/shipment-filter.js";
import { subscribeShared } from "../graphql/shared-execution.js";
import type { Gateway } from "../graphql/yoga.js";
import { TRACKING_PAGE_QUERY, TRACKING_PAGE_SUBSCRIPTION, type PublicShipment } from "./documents.js";
import { announcementOf, renderMessage, renderTracking, renderTrackingPage } from "./render.js";
import type { PublicTrackingTokens } from "./tokens.js";

export interface TrackingPageParts {
  gateway: Gateway;
  db: Db;
  tokens: PublicTrackingTokens;
}

const PATH = /^\/track\/([^/]+)(\/live)?$/;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const MAX_TRACKING_NUMBER = 64;
/** Shipments of all tenants may share a tracking number; each candidate is checked against the token. */
const MAX_CANDIDATES = 20;
/** Keeps proxies from closing a quiet event stream. */
const HEARTBEAT_MS = 25_000;

const PAGE_HEADERS = {
  "cache-control": "no-store",
  // The token is in the URL: never pass it on to another site.
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-robots-tag": "noindex",
};

function contentSecurityPolicy(nonce: string) {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

function sendPage(res: ServerResponse, status: number, html: string, nonce: string, headers: Record<string, string> = {}) {
  res
    .writeHead(status, {
      ...PAGE_HEADERS,
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": contentSecurityPolicy(nonce),
    })
    .end(html);
}

function decoded(segment: string): string | undefined {
  try {
    const text = decodeURIComponent(segment);
    return text.length <= MAX_TRACKING_NUMBER ? text : undefined;
  } catch {
    return undefined;
  }
}

interface Located {
  shipmentId: string;
  viewer: Viewer;
}

/** The shipment this link opens, as a viewer of its tenant limited to it, or undefined. */
async function locate({ db, tokens }: TrackingPageParts, trackingNumber: string, token: string): Promise<Located | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const candidates = await db.shipment.findMany({
    where: byTrackingNumber(trackingNumber),
    select: { id: true, tenantId: true, channelId: true },
    take: MAX_CANDIDATES,
  });
  for (const shipment of candidates) {
    if (await tokens.matches(shipment.id, token)) {
      // Its own credential id: rate limits and cost budgets count per tracked shipment.
      const viewer: Viewer = { tenantId: shipment.tenantId, credentialId: `tracking-page:${shipment.id}`, channelId: shipment.channelId };
      return { shipmentId: shipment.id, viewer };
    }
  }
  return undefined;
}

interface OperationError {
  extensions?: { code?: string; retryAfter?: number; http?: { status?: number } };
}

/** A failed operation as a page: busy (429) or unavailable; anything else is ours to fix (500). */
function sendFailure(res: ServerResponse, errors: readonly OperationError[], nonce: string) {
  const limited = errors.find((error) => error.extensions?.code === "RATE_LIMITED");
  if (limited) {
    const retryAfter = String(limited.extensions?.retryAfter ?? 60);
    return sendPage(res, 429, renderMessage("Too many requests", "This page was opened too often; try again in a minute.", nonce), nonce, {
      "retry-after": retryAfter,
    });
  }
  const status = errors.some((error) => error.extensions?.http?.status === 503) ? 503 : 500;
  sendPage(
    res,
    status,
    renderMessage("Tracking is unavailable", "Tracking information cannot be shown right now; try again shortly.", nonce),
    nonce,
  );
}

async function servePage(parts: TrackingPageParts, res: ServerResponse, url: URL, trackingNumber: string, found: Located, nonce: string) {
  const response = await parts.gateway.fetch(
    new URL(parts.gateway.graphqlEndpoint, "http://tracking-page.internal"),
    {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query: TRACKING_PAGE_QUERY, variables: { shipmentId: found.shipmentId } }),
    },
    { viewer: found.viewer },
  );
  const result = (await response.json()) as { data?: { shipment: PublicShipment | null }; errors?: OperationError[] };
  const shipment = result.data?.shipment;
  if (!shipment) return sendFailure(res, result.errors ?? [], nonce);
  const liveUrl = `${url.pathname.replace(/\/$/, "")}/live?token=${encodeURIComponent(url.searchParams.get("token")!)}&afterVersion=${shipment.version}`;
  sendPage(res, 200, renderTrackingPage({ trackingNumber, shipment, liveUrl, nonce }), nonce);
}

/** Where the stream resumes: EventSource's Last-Event-ID on a reconnect, else the version the page showed. */
function resumeVersion(req: IncomingMessage, url: URL): number | null {
  const given = req.headers["last-event-id"] ?? url.searchParams.get("afterVersion");
  const version = Number(given);
  return typeof given === "string" && /^\d{1,9}$/.test(given) ? version : null;
}

/** trackingUpdated for this one shipment as server-sent events, each carrying the re-rendered section. */
async function serveLive(parts: TrackingPageParts, req: IncomingMessage, res: ServerResponse, url: URL, found: Located, nonce: string) {
  const headers = { ...PAGE_HEADERS, "content-type": "text/event-stream; charset=utf-8", "x-accel-buffering": "no" };
  if (req.method === "HEAD") return void res.writeHead(200, headers).end();
  const { schema, contextFactory } = parts.gateway.getEnveloped({ viewer: found.viewer });
  const args: ExecutionArgs = {
    schema,
    document: parse(TRACKING_PAGE_SUBSCRIPTION),
    variableValues: { shipmentId: found.shipmentId, afterVersion: resumeVersion(req, url) },
    contextValue: await contextFactory(),
  };
  // An outage ends the stream, and so this response, without the final "end": the browser's
  // EventSource reconnects and resumes after its Last-Event-ID, so the update that could not be
  // loaded is replayed, not lost.
  let unavailable = false;
  const stream = await subscribeShared(args, found.viewer.tenantId, () => (unavailable = true));
  if (!(Symbol.asyncIterator in stream)) return sendFailure(res, (stream.errors ?? []) as OperationError[], nonce);
  res.writeHead(200, headers);
  res.write("retry: 5000\n\n");
  const heartbeat = setInterval(() => res.write(": still here\n\n"), HEARTBEAT_MS);
  const closed = new Promise<null>((resolve) => res.once("close", () => resolve(null)));
  const updates = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([updates.next(), closed]);
      if (!next || next.done) break;
      const shipment = (next.value.data as { trackingUpdated?: { shipment: PublicShipment } } | undefined)?.trackingUpdated?.shipment;
      if (!shipment) break;
      const update = JSON.stringify({ html: renderTracking(shipment), announcement: announcementOf(shipment) });
      res.write(`id: ${shipment.version}\nevent: update\ndata: ${update}\n\n`);
    }
    // The subscription ended for good: the page stops reconnecting and says so.
    if (!res.destroyed && !unavailable) res.write("event: end\ndata: {}\n\n");
  } catch {
    // Too slow, or the database went away: the page reconnects after `retry` and resumes from its
    // Last-Event-ID, so this is no failure of the page's.
  } finally {
    clearInterval(heartbeat);
    updates.return?.().catch(() => {});
    res.end();
  }
}

export function trackingPageRoute(parts: TrackingPageParts, path: string) {
  const match = PATH.exec(path);
  if (!match) return undefined;
  const [, segment, live] = match;
  return async (req: IncomingMessage, res: ServerResponse) => {
    const nonce = randomBytes(16).toString("base64");
    if (req.method !== "GET" && req.method !== "HEAD") {
      return sendPage(res, 405, renderMessage("Method not allowed", "This page only answers GET.", nonce), nonce, { allow: "GET, HEAD" });
    }
    const url = new URL(req.url ?? "/", "http://tracking-page.internal");
    const trackingNumber = decoded(segment!);
    const found = trackingNumber ? await locate(parts, trackingNumber, url.searchParams.get("token") ?? "") : undefined;
    if (!found) {
      return sendPage(
        res,
        404,
        renderMessage("Tracking link not found", "Check that you opened the whole link from your shipping notification.", nonce),
        nonce,
      );
    }
    await (live ? serveLive(parts, req, res, url, found, nonce) : servePage(parts, res, url, trackingNumber!, found, nonce));
  };
}
