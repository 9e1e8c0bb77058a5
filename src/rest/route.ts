/** What a REST route is given and gives back. */
import type { IncomingMessage } from "node:http";
import type { Viewer } from "../auth/credentials.js";
import type { Gateway } from "../graphql/yoga.js";
import type { RestResponse } from "./errors.js";

export interface RouteRequest {
  gateway: Gateway;
  /** The caller, authenticated with the route's scheme before anything else was read. */
  viewer: Viewer;
  req: IncomingMessage;
  /** The path's parameters, decoded, in the order the pattern captures them. */
  params: string[];
}

export type RouteHandler = (request: RouteRequest) => Promise<RestResponse> | RestResponse;
