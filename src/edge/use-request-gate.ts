/**
 * Authenticate first, parse second: every GraphQL request is checked on its headers alone — body
 * size, content type (the CSRF gate), credentials — before yoga reads or parses its body, so an
 * anonymous or malformed request costs a header lookup, not a 20 MB parse.
 */
import type { IncomingMessage } from "node:http";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import type { Authenticator } from "../auth/credentials.js";
import { isDependencyFault } from "../dependency-faults.js";
import { ApiError, ServiceUnavailableError, ValidationError } from "../errors.js";
import { extensionsOf } from "../graphql/mask-error.js";
import { graphqlRequests } from "../metrics.js";
import { REQUEST_ID_HEADER } from "../graphql/use-request-id.js";
import type { ServerContext } from "../graphql/yoga.js";

/**
 * Only JSON bodies execute: a page on another site can send form-encoded, text/plain or multipart
 * bodies without a CORS preflight, so accepting them would let it run mutations with the
 * browser's credentials.
 */
const EXECUTABLE_MEDIA_TYPES = new Set(["application/json", "application/graphql-response+json"]);

/** A request refused at the edge: the client's input, with the HTTP status that says why. */
export class EdgeRefusal extends ApiError {
  constructor(status: 400 | 411 | 413 | 415, message: string, headers: Record<string, string> = {}) {
    super(message, "validation_error", "BAD_USER_INPUT", status, {}, headers);
  }
}

export function mediaType(contentType: string | null | undefined) {
  return contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * A fetch from a browser page (GraphiQL included) announces itself (Origin on a POST, Sec-Fetch-Site;
 * Node's fetch sends Sec-Fetch-Mode, so that one proves nothing); answering it with a Basic
 * challenge would make the browser pop a login dialog and then attach the typed credentials to
 * every later request to us, from any site. Such requests get no challenge; curl and server-side
 * clients still do.
 */
export function fromBrowserPage(headers: { get(name: string): string | null }) {
  return (
    headers.get("sec-fetch-site") !== null ||
    headers.get("origin") !== null ||
    headers.get("x-requested-with") !== null ||
    (headers.get("accept") ?? "").includes("text/html")
  );
}

/** The GraphQL error body for a refusal, with its status and headers (the challenge only for non-browsers). */
export function refusalResponse(error: ApiError, request: Request, ResponseClass: typeof Response): Response {
  const { http: _http, ...extensions } = extensionsOf(error);
  const requestId = request.headers.get(REQUEST_ID_HEADER);
  if (requestId) extensions.requestId = requestId;
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", ...error.headers };
  if (fromBrowserPage(request.headers)) delete headers["WWW-Authenticate"];
  return new ResponseClass(JSON.stringify({ errors: [{ message: error.message, extensions }] }), { status: error.status, headers });
}

const tooLarge = (maxBodyBytes: number, headers?: Record<string, string>) =>
  new EdgeRefusal(413, `Request body must be at most ${maxBodyBytes} bytes`, headers);

// One non-negative integer; anything else (a list, as in request smuggling) could hide the size.
const CONTENT_LENGTH = /^\d+$/;

function refusalOf(request: Request, maxBodyBytes: number): EdgeRefusal | undefined {
  if (request.method !== "POST") return undefined;
  const length = request.headers.get("content-length");
  if (length !== null && !CONTENT_LENGTH.test(length)) return new EdgeRefusal(400, "Content-Length must be a non-negative integer");
  if (length !== null && Number(length) > maxBodyBytes) return tooLarge(maxBodyBytes);
  if (!EXECUTABLE_MEDIA_TYPES.has(mediaType(request.headers.get("content-type")))) {
    return new EdgeRefusal(415, "POST bodies must be application/json");
  }
  return undefined;
}

/**
 * A body sent without Content-Length (chunked), read up to the limit and no further. With a
 * Content-Length, node's http parser already stops at the announced size and refusalOf has checked
 * it, so those bodies are read as they are, without a byte-counting stream around every request.
 */
async function boundedBody(request: Request, maxBodyBytes: number, RequestClass: typeof Request): Promise<Request> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    // The rest of the body is never read: the connection closes after the answer, so no later
    // request on it is parsed from the middle of this one.
    if (size > maxBodyBytes) throw tooLarge(maxBodyBytes, { connection: "close" });
    chunks.push(chunk.value);
  }
  return new RequestClass(request.url, {
    method: request.method,
    headers: request.headers,
    body: Buffer.concat(chunks),
    signal: request.signal,
  });
}

async function parseResponseTypeBody(request: Request) {
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new ValidationError([{ path: "body", message: "must be a JSON object" }]);
  return body as GraphQLParams;
}

export function useRequestGate(options: {
  authenticator: Authenticator;
  maxBodyBytes: number;
  graphqlEndpoint: string;
}): Plugin<ServerContext> {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      // GraphiQL's page and CORS preflights are answered by yoga's earlier plugins.
      if (url.pathname !== options.graphqlEndpoint || request.method === "OPTIONS") return;
      try {
        const refusal = refusalOf(request, options.maxBodyBytes);
        if (refusal) throw refusal;
        // Routes inside the process (REST, the tracking page) authenticated their caller already;
        // a request from the network cannot bring a viewer of its own.
        if ((serverContext as ServerContext).viewer) return;
        const client = (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress;
        (serverContext as ServerContext).viewer = await options.authenticator.authenticate((name) => request.headers.get(name), client);
      } catch (thrown) {
        const error = isDependencyFault(thrown) ? new ServiceUnavailableError() : thrown;
        if (!(error instanceof ApiError)) throw error;
        // Refused before its document was read, so it is counted without an operation name.
        graphqlRequests.inc({ operation: "refused", outcome: error.code });
        endResponse(refusalResponse(error, request, fetchAPI.Response));
      }
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.method !== "POST") return;
      // yoga parses application/json itself; the GraphQL-over-HTTP response type, sent as a body, is the same JSON.
      const parser =
        mediaType(request.headers.get("content-type")) === "application/graphql-response+json" ? parseResponseTypeBody : requestParser;
      if (!parser) return;
      const chunked = request.headers.get("content-length") === null && request.body !== null;
      setRequestParser(chunked ? async (request) => parser(await boundedBody(request, options.maxBodyBytes, fetchAPI.Request)) : parser);
    },
  };
}
