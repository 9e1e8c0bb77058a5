/**
 * Runs a REST route's GraphQL operation on the gateway itself — same rate limit, schema, resolvers,
 * input checks and error masking as any GraphQL client — as the caller the route authenticated,
 * and hands back its data or the REST error for what went wrong.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Viewer } from "../auth/credentials.js";
import { IDEMPOTENCY_HEADER } from "../graphql/use-idempotency.js";
import type { Gateway } from "../graphql/yoga.js";
import { fromGraphQL, type GraphQLErrorJson, type RestResponse } from "./errors.js";
import type { RequestNames } from "./input-words.js";

/** What a REST request carries on to its operation: a retry's key, and the id errors and logs name. */
const FORWARDED_HEADERS = [IDEMPOTENCY_HEADER, "x-request-id"] as const;

type Outcome<T> = { ok: true; data: T } | { ok: false; error: RestResponse };

export interface Operation {
  document: string;
  variables: Record<string, unknown>;
  /** What the variables are on the REST request, for error details. */
  names: RequestNames;
  /** The REST request's headers, of which FORWARDED_HEADERS go on to the operation. */
  headers: IncomingHttpHeaders;
}

export async function execute<T>(
  gateway: Gateway,
  viewer: Viewer,
  { document, variables, names, headers }: Operation,
): Promise<Outcome<T>> {
  const response = await gateway.fetch(
    new URL(gateway.graphqlEndpoint, "http://rest.internal"),
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        ...Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (typeof headers[name] === "string" ? [[name, headers[name]]] : []))),
      },
      body: JSON.stringify({ query: document, variables }),
    },
    { viewer },
  );
  const result = (await response.json()) as { data?: T | null; errors?: GraphQLErrorJson[] };
  if (result.errors?.length) return { ok: false, error: fromGraphQL(response, result.errors, names) };
  return { ok: true, data: result.data as T };
}
