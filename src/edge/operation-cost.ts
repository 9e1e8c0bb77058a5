/**
 * What an operation costs, in the spirit of Shopify's calculated query cost: one point per object
 * the response may hold; scalars are free. A connection (or a list with `first`/`last`) multiplies
 * what is selected under it by its page size, so 100 aliased pages of 100 shipments cost what they
 * would return. The requested cost is known before execution; the actual cost counts the objects
 * in the result.
 */
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type DocumentNode,
  type FieldNode,
} from "graphql";
import { DEFAULT_PAGE_SIZE } from "../input-limits.js";

function pageSize(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== "first" && argument.name.value !== "last") continue;
    const value = valueFromASTUntyped(argument.value, variables);
    if (typeof value === "number" && value >= 0) return value;
  }
  return undefined;
}

export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName))
      operation ??= definition;
  }
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  return cost({ schema, fragments, variables, visiting: new Set() }, root, operation.selectionSet, 1);
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments already being counted: validation rejects cycles, this keeps a bad document finite. */
  visiting: Set<string>;
}

// A function of its own rather than a closure inside requestedCost: it runs on every request, and
// a closure would be created (and, under tsx, named) on each one.
function cost(walk: Walk, type: GraphQLCompositeType, selections: SelectionSetNode, multiplier: number): number {
  const { schema, fragments, visiting } = walk;
  let total = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      const on = fragment && schema.getType(fragment.typeCondition.name.value);
      if (!fragment || !on || !isCompositeType(on) || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      total += cost(walk, on, fragment.selectionSet, multiplier);
      visiting.delete(fragment.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
      if (on && isCompositeType(on)) total += cost(walk, on, selection.selectionSet, multiplier);
    } else if (selection.selectionSet && (isObjectType(type) || isInterfaceType(type))) {
      const field = type.getFields()[selection.name.value];
      const fieldType = field && getNamedType(field.type);
      if (!field || !fieldType || !isCompositeType(fieldType)) continue;
      const size = pageSize(selection, walk.variables);
      // A connection is one object whose lists hold a page; a list with `first`/`last` holds that
      // many; any other list is bounded by the data (and input limits), counted once here and
      // in full by the actual cost.
      const isConnection = fieldType.name.endsWith("Connection");
      const count = isConnection ? 1 : (size ?? 1);
      const childMultiplier = multiplier * (isConnection ? (size ?? DEFAULT_PAGE_SIZE) : count);
      total += multiplier * count + cost(walk, fieldType, selection.selectionSet, childMultiplier);
    }
  }
  return total;
}

/** Objects in a result's data: what the operation actually cost. */
export function actualCost(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + actualCost(item), 0);
  if (data === null || typeof data !== "object") return 0;
  return 1 + Object.values(data).reduce((sum: number, value) => sum + actualCost(value), 0);
}
