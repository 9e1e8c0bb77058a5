/**
 * A selection set flattened the way graphql-js `collectFields` does it: fragments (inline and named)
 * whose type condition applies are spread in, `@include`/`@skip` are decided with the request's
 * variables, and fields with the same response key are merged, in the order they first appear. Any
 * other directive (`@defer`, `@stream`, …) makes the selection one this planner does not take.
 */
import {
  Kind,
  isAbstractType,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";

/** Thrown while planning when the operation holds something the planner does not take. */
export class NotPlannable extends Error {}

export interface Selected {
  /** The response key: the alias, or the field's name. */
  key: string;
  name: string;
  /** Every node selecting this key (merged: they name the same field with the same arguments). */
  nodes: FieldNode[];
}

export interface SelectionScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Whether the node is kept, given its `@include`/`@skip`; refuses any other directive. */
function kept(directives: readonly DirectiveNode[] | undefined, variables: Record<string, unknown>): boolean {
  let keep = true;
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== "include" && name !== "skip") throw new NotPlannable(`@${name}`);
    const arg = directive.arguments?.find((a) => a.name.value === "if");
    const value =
      arg?.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : arg?.value.kind === Kind.BOOLEAN ? arg.value.value : undefined;
    if (typeof value !== "boolean") throw new NotPlannable(`@${name} without a boolean`);
    if (name === "include" ? !value : value) keep = false;
  }
  return keep;
}

function applies(scope: SelectionScope, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = scope.schema.getType(condition);
  return conditionType !== undefined && isAbstractType(conditionType) && scope.schema.isSubType(conditionType, type);
}

function collectInto(
  scope: SelectionScope,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  into: Map<string, Selected>,
  spread: Set<string>,
) {
  for (const selection of set.selections) {
    if (!kept(selection.directives, scope.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const entry = into.get(key);
      if (entry) entry.nodes.push(selection);
      else into.set(key, { key, name: selection.name.value, nodes: [selection] });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(scope, selection.typeCondition?.name.value, type)) collectInto(scope, type, selection.selectionSet, into, spread);
    } else {
      const name = selection.name.value;
      // graphql-js spreads a named fragment once per selection set.
      if (spread.has(name)) continue;
      spread.add(name);
      const fragment = scope.fragments[name];
      if (!fragment) throw new NotPlannable(`fragment ${name}`);
      if (applies(scope, fragment.typeCondition.name.value, type)) collectInto(scope, type, fragment.selectionSet, into, spread);
    }
  }
}

/** The fields `sets` select on `type`, by response key in first-appearance order. */
export function collectSelection(scope: SelectionScope, type: GraphQLObjectType, sets: readonly SelectionSetNode[]): Selected[] {
  const into = new Map<string, Selected>();
  const spread = new Set<string>();
  for (const set of sets) collectInto(scope, type, set, into, spread);
  return [...into.values()];
}

/** The selection sets under a merged field, for collecting its sub-selection. */
export function subSelections(selected: Selected): SelectionSetNode[] {
  return selected.nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The variables `@include`/`@skip` read: their values decide the plan, so they key its cache. */
export function directiveVariables(document: { definitions: readonly unknown[] }): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!value || typeof value !== "object") return;
    const node = value as { kind?: string; name?: { value: string }; arguments?: unknown[] };
    if (node.kind === Kind.DIRECTIVE) {
      for (const arg of (node.arguments ?? []) as { value: { kind: string; name?: { value: string } } }[]) {
        if (arg.value.kind === Kind.VARIABLE && arg.value.name) names.add(arg.value.name.value);
      }
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== "loc") visit(child);
  };
  visit(document.definitions);
  return [...names];
}
