/**
 * The one place where errors become the seed APIs' REST error bodies
 * (`{"error": {"type": "…", "message": "…"}}`). Routes never pick a status or a type themselves:
 * they hand over either an `ApiError` of their own (credentials, bad body, wrong method) or the
 * gateway's GraphQL response, so REST answers with GraphQL's status and type — in REST words.
 */
import { ValidationError, type ApiError, type ValidationDetail } from "../errors.js";
import { inRequestWords, type RequestNames } from "./input-words.js";

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** An error as the GraphQL response carries it (yoga moves `extensions.http` into the HTTP response). */
export interface GraphQLErrorJson {
  message: string;
  extensions?: Record<string, unknown>;
}

// Protocol fields: the type and message head the body, status and headers travel as HTTP (the
// request id too: it is the x-request-id header, and the seeds' bodies have no room for it).
const NOT_IN_BODY = new Set(["code", "type", "http", "retryAfter", "requestId"]);
// Response headers an error may set that REST clients rely on.
const ERROR_HEADERS = ["www-authenticate", "retry-after"];

function errorBody(type: string, message: string, fields: Record<string, unknown> = {}) {
  const extra = Object.fromEntries(Object.entries(fields).filter(([key]) => !NOT_IN_BODY.has(key)));
  return { error: { type, message, ...extra } };
}

/** An error the REST layer raised itself, before any GraphQL ran. */
export function restError(error: ApiError): RestResponse {
  return { status: error.status, headers: error.headers, body: errorBody(error.type, error.message, error.fields) };
}

/**
 * The gateway's answer with errors, as REST. The first typed error (an `ApiError` in GraphQL) gives
 * the type, message, extensions, HTTP status and headers; REST has room for one error, so the
 * `details` of every error of that type are gathered into it, worded for the request (`names`).
 * Untyped errors were masked: a 500.
 */
export function fromGraphQL(response: Response, errors: GraphQLErrorJson[], names: RequestNames): RestResponse {
  const typed = errors.find((e) => typeof e.extensions?.type === "string");
  if (!typed) return { status: 500, headers: {}, body: errorBody("api_error", "Unexpected error.") };
  const type = String(typed.extensions!.type);
  const sameType = errors.filter((e) => e.extensions?.type === type);
  const details = sameType.flatMap((e) => (Array.isArray(e.extensions?.details) ? (e.extensions.details as ValidationDetail[]) : []));
  if (type === "validation_error" && details.length) return restError(new ValidationError(details.map((d) => inRequestWords(d, names))));
  const headers = Object.fromEntries(
    ERROR_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])),
  );
  return { status: response.status, headers, body: errorBody(type, typed.message, typed.extensions) };
}

/** A known path asked with a method it does not serve. */
export function methodNotAllowed(method: string, allowed: string[]): RestResponse {
  return {
    status: 405,
    headers: { allow: allowed.join(", ") },
    body: errorBody("validation_error", `Method ${method} is not allowed here; use ${allowed.join(" or ")}`),
  };
}
