/**
 * Answers the hot reads (`shipments`, `shipment`, `shipmentByNumber` with their cartons, items and
 * events) from one planned SQL statement that builds the response JSON in PostgreSQL, without
 * graphql-js execution, Pothos' selection mapping or the Prisma client. It replaces execution,
 * after authentication, operation limits, cost and persisted-operation policy, and the plugins
 * still see the result in `onExecuteDone`. Anything it does not plan, or whose answer the
 * row alone cannot give exactly (a missing shipment, an empty page, an invalid argument), runs the
 * normal way, unchanged.
 */
import { type ExecutionArgs, getOperationAST, getVariableValues } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../../context.js";
import { finish, planFor, type ReadPlan } from "./planner.js";

/** Where plans run: the node-postgres pool under the request's Prisma client. */
async function runStatement(ctx: Context, plan: ReadPlan, values: unknown[]): Promise<Record<string, unknown>> {
  const { rows } = await ctx.pool.query({ name: plan.statementName, text: plan.sql, values });
  return rows[0] as Record<string, unknown>;
}

/** The planned answer's data, or nothing when the normal path must answer. */
async function plannedData(args: ExecutionArgs): Promise<Record<string, unknown> | null | undefined> {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== "query") return undefined;
  const coerced = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    (args.variableValues ?? {}) as Record<string, unknown>,
  );
  if (coerced.errors) return undefined;
  const plan = planFor(args.schema, args.document, operation, coerced.coerced);
  if (!plan) return undefined;
  const ctx = args.contextValue as Context;
  const request = plan.statement.run(ctx, coerced.coerced);
  if (!request) return undefined;
  let row: Record<string, unknown>;
  try {
    row = await runStatement(ctx, plan, request.values);
  } catch {
    // The normal path meets the same failure (a database out of reach) and answers it as it always does.
    return undefined;
  }
  return finish(plan, row, request, ctx);
}

export function useReadPlans(options: { enabled: boolean }): Plugin<Context> {
  if (!options.enabled) return {};
  return {
    // In place of execution rather than before it, so the response cache after this plugin wraps a
    // planned answer as it wraps any other (and plans the document it rewrites).
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const data = await plannedData(args);
        return data ? { data } : executeFn(args);
      });
    },
  };
}
