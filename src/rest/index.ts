/**
 * The seed REST endpoints (DESIGN §4): a path-and-method table in front of thin routes that run
 * GraphQL operations on the gateway. server.ts asks `restRoute` for a path before handing the
 * request to yoga.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, ValidationError } from "../errors.js";
import type { Gateway } from "../yoga.js";
import { requireJsonOrNoBody } from "./body.js";
import { methodNotAllowed, restError, type RestResponse } from "./errors.js";
import { OPENAPI_DOCUMENT } from "./openapi.js";
import type { RouteHandler } from "./route.js";
import { syncShipment } from "./sync-shipment.js";
import { updateTracking } from "./update-tracking.js";

interface Route {
  pattern: RegExp;
  methods: Record<string, RouteHandler>;
}

const ROUTES: Route[] = [
  { pattern: /^\/v3\/shipments\/actions\/update-tracking$/, methods: { POST: updateTracking } },
  { pattern: /^\/(?:v5\/)?shipments\/([^/]+)\/sync$/, methods: { POST: syncShipment } },
  { pattern: /^\/openapi\.json$/, methods: { GET: () => ({ status: 200, headers: {}, body: OPENAPI_DOCUMENT }) } },
];

function decodeParams(captures: string[]): string[] {
  try {
    return captures.map(decodeURIComponent);
  } catch {
    throw new ValidationError([{ path: "path", message: "contains an invalid percent-encoding" }]);
  }
}

async function respond(route: Route, captures: string[], gateway: Gateway, req: IncomingMessage): Promise<RestResponse> {
  const method = req.method ?? "GET";
  const handler = route.methods[method];
  if (!handler) return methodNotAllowed(method, Object.keys(route.methods));
  try {
    if (method === "POST") requireJsonOrNoBody(req);
    return await handler({ gateway, req, params: decodeParams(captures) });
  } catch (error) {
    if (error instanceof ApiError) return restError(error);
    throw error;
  }
}

/** The REST handler for `path`, or undefined when the path is not a REST endpoint. */
export function restRoute(gateway: Gateway, path: string): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    return async (req, res) => {
      const { status, headers, body } = await respond(route, match.slice(1), gateway, req);
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
