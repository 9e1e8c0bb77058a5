/** Reads a REST request's JSON object body; anything else is the client's `validation_error`, never a 500. */
import type { IncomingMessage } from "node:http";
import { ValidationError } from "../errors.js";

const MAX_BODY_BYTES = 1 << 20;

function isJson(contentType: string | undefined) {
  const media = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return media === "application/json" || /^application\/[\w.-]+\+json$/.test(media);
}

/**
 * The CSRF gate for every REST POST: a body (or a declared content type) must be JSON, since a page
 * on another site can send form-encoded or text/plain bodies without a CORS preflight. A bodyless
 * POST with no content type (the sync seed's call) passes.
 */
export function requireJsonOrNoBody(req: IncomingMessage) {
  const declared = req.headers["content-type"] !== undefined;
  const hasBody = declared || Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (hasBody && !isJson(req.headers["content-type"])) {
    throw new ValidationError([{ path: "content-type", message: "must be application/json" }]);
  }
}

export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!isJson(req.headers["content-type"])) {
    throw new ValidationError([{ path: "content-type", message: "must be application/json" }]);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // node discards whatever is left unread once the response is sent.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ValidationError([{ path: "body", message: `must be at most ${MAX_BODY_BYTES} bytes` }]);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ValidationError([{ path: "body", message: "must be valid JSON" }]);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new ValidationError([{ path: "body", message: "must be a JSON object" }]);
  return body as Record<string, unknown>;
}
