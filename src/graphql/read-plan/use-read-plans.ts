/**
 * Answers the hot reads (`shipments`, `shipment`, `shipmentByNumber` with their cartons, items and
 * events) from one planned SQL statement that builds the response JSON in PostgreSQL, without
 * graphql-js execution, Pothos' selection mapping or the Prisma client. It acts in `onExecute`,
 * after authentication, operation limits, cost and persisted-operation policy, and the plugins
 * before it still see the result in `onExecuteDone`. Anything it does not plan, or whose answer the
 * row alone cannot give exactly (a missing shipment, an empty page, an invalid argument), runs the
 * normal way, unchanged.
 */
import { getOperationAST, getVariableValues } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../../context.js";
import { finish, planFor, type ReadPlan } from "./planner.js";
import type { BoundRequest } from "./statement.js";

/** Where plans run: the node-postgres pool under the request's Prisma client. */
async function runStatement(ctx: Context, plan: ReadPlan, values: unknown[]): Promise<Record<string, unknown>> {
  const { rows } = await ctx.pool.query({ name: plan.statementName, text: plan.sql, values });
  return rows[0] as Record<string, unknown>;
}

export function useReadPlans(options: { enabled: boolean }): Plugin<Context> {
  if (!options.enabled) return {};
  return {
    // Not async itself: a document it does not plan (most of them) passes without a promise of its own.
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== "query") return;
      const coerced = getVariableValues(
        args.schema,
        operation.variableDefinitions ?? [],
        (args.variableValues ?? {}) as Record<string, unknown>,
      );
      if (coerced.errors) return;
      const plan = planFor(args.schema, args.document, operation, coerced.coerced);
      if (!plan) return;
      const ctx = args.contextValue;
      const request = plan.statement.run(ctx, coerced.coerced);
      if (!request) return;
      return answer(plan, request, ctx, setResultAndStopExecution);
    },
  };
}

async function answer(
  plan: ReadPlan,
  request: BoundRequest,
  ctx: Context,
  setResult: (result: { data: Record<string, unknown> }) => void,
): Promise<void> {
  let row: Record<string, unknown>;
  try {
    row = await runStatement(ctx, plan, request.values);
  } catch {
    // The normal path meets the same failure (a database out of reach) and answers it as it always does.
    return;
  }
  const data = finish(plan, row, request, ctx);
  if (data) setResult({ data });
}
