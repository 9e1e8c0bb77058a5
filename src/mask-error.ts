/**
 * yoga's error masking with one addition: a dependency fault (PostgreSQL or Redis out of reach)
 * becomes SERVICE_UNAVAILABLE (503, Retry-After) rather than "Unexpected error.", so clients retry
 * instead of reporting a bug. Used for HTTP and for subscription events alike.
 */
import { GraphQLError } from "graphql";
import { maskError, type YogaMaskedErrorOpts } from "graphql-yoga";
import { isDependencyFault } from "./dependency-faults.js";
import { ApiError, ServiceUnavailableError } from "./errors.js";

export const maskGatewayError: YogaMaskedErrorOpts["maskError"] = (error, message, isDev) =>
  !(error instanceof ApiError) && isDependencyFault(error) ? new ServiceUnavailableError() : maskError(error, message, isDev);

/** For graphql-js results: a GraphQLError in, a GraphQLError out. */
export const maskGraphQLError = (error: GraphQLError) => maskGatewayError(error, "Unexpected error.") as GraphQLError;
