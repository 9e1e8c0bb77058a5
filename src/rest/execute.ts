/**
 * Runs a REST route's GraphQL operation on the gateway itself — same authentication, rate limit,
 * schema, resolvers, input checks and error masking as any GraphQL client — and hands back its data
 * or the REST error for what went wrong.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Gateway } from "../yoga.js";
import { fromGraphQL, type GraphQLErrorJson, type RestResponse } from "./errors.js";

/**
 * The request headers that say who is calling (REST clients send them exactly as GraphQL clients
 * do), and the request id, so errors name the same request.
 */
const FORWARDED_HEADERS = ["authorization", "x-fabric-tenant-id", "x-fabric-channel-id", "x-request-id"] as const;

type Outcome<T> = { ok: true; data: T } | { ok: false; error: RestResponse };

export async function execute<T>(
  gateway: Gateway,
  operation: string,
  variables: Record<string, unknown>,
  requestHeaders: IncomingHttpHeaders,
): Promise<Outcome<T>> {
  const headers = new Headers({ "content-type": "application/json", accept: "application/graphql-response+json" });
  for (const name of FORWARDED_HEADERS) {
    const value = requestHeaders[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const response = await gateway.fetch(new URL(gateway.graphqlEndpoint, "http://rest.internal"), {
    method: "POST",
    headers,
    body: JSON.stringify({ query: operation, variables }),
  });
  const result = (await response.json()) as { data?: T | null; errors?: GraphQLErrorJson[] };
  if (result.errors?.length) return { ok: false, error: fromGraphQL(response, result.errors) };
  return { ok: true, data: result.data as T };
}
