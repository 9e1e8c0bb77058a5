/**
 * graphql-js reports a variable that does not fit the schema (wrong enum value, malformed date,
 * missing required field) as a plain error whose message holds the path, and its recursive parser
 * overflows the stack on a document nested thousands deep. Clients get the same shape as every
 * other invalid input instead: BAD_USER_INPUT / validation_error with `details`.
 */
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { ValidationError } from "./errors.js";

const INVALID = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s;
const MISSING = /^Variable "\$([^"]+)" of (?:required|non-null) type .* (?:was not provided|must not be null)\.$/s;

function asValidationError(error: GraphQLError): GraphQLError {
  const invalid = INVALID.exec(error.message);
  if (invalid) return new ValidationError([{ path: invalid[2] ?? invalid[1]!, message: invalid[3]! }], error.message);
  const missing = MISSING.exec(error.message);
  if (missing) return new ValidationError([{ path: missing[1]!, message: "is required" }], error.message);
  return error;
}

/** yoga gives a document that does not parse or validate a code and a 400; it also gets the REST type. */
function withType(error: GraphQLError, code: string): GraphQLError {
  const extensions = error.extensions as Record<string, unknown>;
  extensions.code ??= code;
  extensions.type ??= "validation_error";
  return error;
}

export function useInputErrors(): Plugin {
  return {
    onParse: ({ parseFn, setParseFn }) => {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          if (error instanceof RangeError) throw new ValidationError([{ path: "query", message: "is nested too deeply" }]);
          throw error instanceof GraphQLError ? withType(error, "GRAPHQL_PARSE_FAILED") : error;
        }
      });
    },
    onValidate: () => ({ valid, result }) => {
      if (!valid) result.forEach((error) => withType(error, "GRAPHQL_VALIDATION_FAILED"));
    },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!("errors" in result) || !result.errors?.length || result.data) return;
        setResult({ ...result, errors: result.errors.map(asValidationError) });
      },
    }),
  };
}
