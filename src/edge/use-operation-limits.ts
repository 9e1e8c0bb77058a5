/**
 * Document limits (graphql-armor): tokens while parsing, then depth, aliases and directives while
 * validating, so a hostile document is refused before it costs more than its parse. In production
 * validation errors carry no "Did you mean" hints, and introspection can be switched off.
 */
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { NoSchemaIntrospectionCustomRule, type GraphQLError } from "graphql";
import { ValidationError } from "../errors.js";
import { toGraphQLError } from "../graphql/mask-error.js";
import type { EdgeSettings } from "./settings.js";

/** envelop's plugin type, as graphql-armor's plugins have it. */
type ArmorPlugin = ReturnType<typeof maxDepthPlugin>;

/**
 * armor reports a limit as a bare "Syntax Error: …"; clients get it as invalid input instead. Thrown
 * as a GraphQLError, so yoga answers it as the parse or validation error it stands for.
 */
const refuse = [
  (_context: unknown, error: GraphQLError) => {
    throw toGraphQLError(new ValidationError([{ path: "query", message: error.message.replace(/^Syntax Error: /, "") }]));
  },
];

/** The limits as plugins; their validation hooks run once per document (validate-once.ts). */
export function useOperationLimits(settings: EdgeSettings, production: boolean): ArmorPlugin[] {
  return [
    ...(settings.introspection
      ? []
      : [{ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) } satisfies ArmorPlugin]),
    maxTokensPlugin({ n: settings.maxTokens, onReject: refuse }),
    maxDepthPlugin({ n: settings.maxDepth, flattenFragments: true, onReject: refuse }),
    maxAliasesPlugin({ n: settings.maxAliases, onReject: refuse }),
    maxDirectivesPlugin({ n: settings.maxDirectives, onReject: refuse }),
    ...(production ? [blockFieldSuggestionsPlugin()] : []),
  ];
}
