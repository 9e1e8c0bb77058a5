/**
 * Compiles a query operation, once, into one SQL statement and its finishers; null when any part
 * of it is something the planner does not take (that operation then always runs the normal way).
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import type { Context } from "../../context.js";
import type { Compiling } from "./objects.js";
import { FALLBACK, type RootPlan } from "./root-plan.js";
import { rootPlan } from "./roots.js";
import { collectSelection, directiveVariables, NotPlannable } from "./selection.js";
import { Statement, type BoundRequest } from "./statement.js";

export interface ReadPlan {
  /** One statement answering every root field, a JSON column each (`r0`, `r1`, …). */
  sql: string;
  /**
   * Prepared once per connection under this name, so PostgreSQL plans the statement once rather than
   * on every request (planning costs more than running it). Only the first plans get one: a
   * connection keeps its prepared statements, and clients can send any number of distinct queries.
   */
  statementName?: string;
  statement: Statement;
  roots: RootPlan[];
}

interface DocumentPlans {
  directiveVariables: string[];
  plans: Map<string, ReadPlan | null>;
}

/**
 * Plans live as long as their document: yoga keeps parsed documents in its own bounded cache, so a
 * repeated query string is the same object. Per document, one plan per operation name and values of
 * the `@include`/`@skip` variables; a document with many of those gets few plans, not many.
 */
const cache = new WeakMap<DocumentNode, DocumentPlans>();
const PLANS_PER_DOCUMENT = 16;
const PREPARED_PLANS = 256;
let compiled = 0;

function compile(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): ReadPlan | null {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  try {
    if (operation.directives?.length) throw new NotPlannable("operation directives");
    const c: Compiling = { scope: { schema, fragments, variables }, statement: new Statement() };
    const query = schema.getQueryType()!;
    const roots = collectSelection(c.scope, query, [operation.selectionSet]).map((selected) => rootPlan(c, query, selected));
    const columns = roots.flatMap((root, i) => (root.sql ? [`${root.sql} AS "r${i}"`] : []));
    if (!columns.length) return null;
    // Operation names are GraphQL names, so they cannot end the comment.
    const statementName = compiled < PREPARED_PLANS ? `readPlan${++compiled}` : undefined;
    return {
      sql: `/* readPlan:${operation.name?.value ?? "anonymous"} */ SELECT ${columns.join(", ")}`,
      statementName,
      statement: c.statement,
      roots,
    };
  } catch (error) {
    if (error instanceof NotPlannable) return null;
    throw error;
  }
}

/** The plan for this operation with these (coerced) variables, compiled on first use. */
export function planFor(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): ReadPlan | null {
  let entry = cache.get(document);
  if (!entry) cache.set(document, (entry = { directiveVariables: directiveVariables(document), plans: new Map() }));
  const key = JSON.stringify([operation.name?.value ?? null, ...entry.directiveVariables.map((name) => variables[name] ?? null)]);
  let plan = entry.plans.get(key);
  if (plan === undefined) {
    plan = compile(schema, document, operation, variables);
    if (entry.plans.size >= PLANS_PER_DOCUMENT) entry.plans.clear();
    entry.plans.set(key, plan);
  }
  return plan;
}

/** The operation's data from the statement's row, or null where the normal path must answer. */
export function finish(plan: ReadPlan, row: Record<string, unknown>, request: BoundRequest, ctx: Context): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  for (const [i, root] of plan.roots.entries()) {
    const value = root.finish(row[`r${i}`], request, ctx);
    if (value === FALLBACK) return null;
    data[root.key] = value;
  }
  return data;
}
