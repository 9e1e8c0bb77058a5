/**
 * Invalid input gets one shape however it was sent: BAD_USER_INPUT / validation_error with
 * `details: [{ path, message }]`, HTTP 400.
 * - A variable that does not fit the schema (wrong enum value, malformed date, missing required
 *   field) is a plain graphql-js error whose message holds the path.
 * - The same value written inline in the document is a validation error that points at the literal;
 *   its path (argument, input fields, list indexes) is found from the document.
 * Both paths read alike: `filter.trackingStatus`, `input.tracking[0].eventRecordedAt`.
 * graphql-js's recursive parser overflows the stack on a document nested thousands deep; that too is
 * invalid input, not a crash. Documents that do not parse or validate also carry the REST type.
 */
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type ValueNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import { ValidationError, type ValidationDetail } from "../errors.js";
import { toGraphQLError } from "./mask-error.js";

const INVALID = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s;
const MISSING = /^Variable "\$([^"]+)" of (?:required|non-null) type .* (?:was not provided|must not be null)\.$/s;
// graphql-js's wording for a bad input object field, in variables and literals alike.
const MISSING_FIELD = /^Field "(?:[^"]*\.)?([^".]+)" of required type "[^"]+" was not provided\.$/s;
const UNKNOWN_FIELD = /^Field "([^"]+)" is not defined by type/;

/** A problem at `path`, with a missing or unknown input field named in the path itself. */
function detail(path: string, message: string): ValidationDetail {
  const missing = MISSING_FIELD.exec(message);
  if (missing) return { path: `${path}.${missing[1]}`, message: "is required" };
  const unknown = UNKNOWN_FIELD.exec(message);
  if (unknown && !path.endsWith(`.${unknown[1]}`)) return { path: `${path}.${unknown[1]}`, message };
  return { path, message };
}

function variableError(error: GraphQLError): GraphQLError {
  const invalid = INVALID.exec(error.message);
  if (invalid) return toGraphQLError(new ValidationError([detail(invalid[2] ?? invalid[1]!, invalid[3]!)], error.message));
  const missing = MISSING.exec(error.message);
  if (missing) return toGraphQLError(new ValidationError([{ path: missing[1]!, message: "is required" }], error.message));
  return error;
}

/** Every argument value, input field and list item of the document → its path from the argument. */
function literalPaths(document: DocumentNode): Map<ASTNode, string> {
  const paths = new Map<ASTNode, string>();
  const walk = (node: ValueNode, path: string) => {
    if (node.kind === Kind.VARIABLE) return; // a variable's value is checked as a variable
    paths.set(node, path);
    if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) {
        paths.set(field, `${path}.${field.name.value}`);
        walk(field.value, `${path}.${field.name.value}`);
      }
    }
    if (node.kind === Kind.LIST)
      node.values.forEach((item, index) => {
        walk(item, `${path}[${index}]`);
      });
  };
  visit(document, { Argument: (argument) => walk(argument.value, argument.name.value) });
  return paths;
}

/** graphql-js words a literal it could not coerce as `Expected value of type "X", found Y; <why>`. */
const reason = (message: string) => message.replace(/^Expected value of type "[^"]+", found .*?; /s, "");

function literalErrors(errors: readonly GraphQLError[], document: DocumentNode): GraphQLError[] {
  let paths: Map<ASTNode, string> | undefined;
  return errors.map((error) => {
    const node = error.nodes?.[0];
    if (!node) return withType(error, "GRAPHQL_VALIDATION_FAILED");
    paths ??= literalPaths(document);
    const path = paths.get(node);
    if (path === undefined) return withType(error, "GRAPHQL_VALIDATION_FAILED");
    const invalid = toGraphQLError(new ValidationError([detail(path, reason(error.message))]));
    // A status of ours, not the spec's validation 400 that yoga turns into 200 for application/json:
    // the literal answers exactly as the same value in a variable does.
    (invalid.extensions.http as { spec?: boolean }).spec = false;
    return invalid;
  });
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
          if (error instanceof RangeError) throw toGraphQLError(new ValidationError([{ path: "query", message: "is nested too deeply" }]));
          throw error instanceof GraphQLError ? withType(error, "GRAPHQL_PARSE_FAILED") : error;
        }
      });
    },
    onValidate: ({ validateFn, setValidationFn }) => {
      setValidationFn((schema, document, ...rest) => literalErrors(validateFn(schema, document, ...rest), document));
    },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!("errors" in result) || !result.errors?.length || result.data) return;
        setResult({ ...result, errors: result.errors.map(variableError) });
      },
    }),
  };
}
