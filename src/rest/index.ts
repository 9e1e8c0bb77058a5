/**
 * The seed REST endpoints: a path-and-method table in front of thin routes that run GraphQL
 * operations on the gateway. server.ts asks `restRoute` for a path before handing the request to yoga.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Authenticator } from "../auth/credentials.js";
import { isDependencyFault } from "../dependency-faults.js";
import { ApiError, ServiceUnavailableError, ValidationError } from "../errors.js";
import type { Gateway } from "../graphql/yoga.js";
import { authenticate, challenge, type Scheme } from "./authenticate.js";
import { requireJsonOrNoBody } from "./body.js";
import { methodNotAllowed, restError, type RestResponse } from "./errors.js";
import { OPENAPI_DOCUMENT } from "./openapi.js";
import type { RouteHandler } from "./route.js";
import { SYNC, syncShipment } from "./sync-shipment.js";
import { UPDATE_TRACKING, updateTracking } from "./update-tracking.js";

/** The GraphQL documents the REST routes run; an allowlist of persisted operations always holds them. */
export const REST_OPERATIONS = [SYNC, UPDATE_TRACKING];

type Route = { pattern: RegExp } & (
  | { scheme: Scheme; methods: Record<string, RouteHandler> }
  | { scheme: "public"; methods: Record<string, () => RestResponse> }
);

const ROUTES: Route[] = [
  { pattern: /^\/v3\/shipments\/actions\/update-tracking$/, scheme: "Bearer", methods: { POST: updateTracking } },
  { pattern: /^\/(?:v5\/)?shipments\/([^/]+)\/sync$/, scheme: "Basic", methods: { POST: syncShipment } },
  { pattern: /^\/openapi\.json$/, scheme: "public", methods: { GET: () => ({ status: 200, headers: {}, body: OPENAPI_DOCUMENT }) } },
];

export interface RestParts {
  gateway: Gateway;
  authenticator: Authenticator;
}

function decodeParams(captures: string[]): string[] {
  try {
    return captures.map(decodeURIComponent);
  } catch {
    throw new ValidationError([{ path: "path", message: "contains an invalid percent-encoding" }]);
  }
}

async function run(route: Route, method: string, captures: string[], { gateway, authenticator }: RestParts, req: IncomingMessage) {
  if (route.scheme === "public") return route.methods[method]!();
  const viewer = await authenticate(authenticator, route.scheme, req);
  if (method === "POST") requireJsonOrNoBody(req);
  return route.methods[method]!({ gateway, viewer, req, params: decodeParams(captures) });
}

async function respond(route: Route, captures: string[], parts: RestParts, req: IncomingMessage): Promise<RestResponse> {
  const method = req.method ?? "GET";
  if (!Object.hasOwn(route.methods, method)) return methodNotAllowed(method, Object.keys(route.methods));
  try {
    return await run(route, method, captures, parts, req);
  } catch (thrown) {
    // The route authenticates before yoga runs, so an outage there is answered here as yoga would.
    const error = isDependencyFault(thrown) ? new ServiceUnavailableError() : thrown;
    if (!(error instanceof ApiError)) throw error;
    const answer = restError(error);
    return answer.status === 401 && route.scheme !== "public"
      ? { ...answer, headers: { ...answer.headers, ...challenge(route.scheme) } }
      : answer;
  }
}

/** The REST handler for `path`, or undefined when the path is not a REST endpoint. */
export function restRoute(parts: RestParts, path: string): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    return async (req, res) => {
      const { status, headers, body } = await respond(route, match.slice(1), parts, req);
      const requestId = req.headers["x-fabric-request-id"];
      res
        .writeHead(status, {
          ...headers,
          "content-type": "application/json; charset=utf-8",
          ...(typeof requestId === "string" ? { "x-fabric-request-id": requestId } : {}),
        })
        .end(JSON.stringify(body));
    };
  }
  return undefined;
}
