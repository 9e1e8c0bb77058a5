/**
 * Charges each operation's cost to its credential's cost budget, Shopify-style: the requested
 * (worst-case) cost is reserved before execution and refused when it is over the per-operation
 * maximum (400) or over what is left of the budget (429); after execution the unused part is given
 * back. With `x-graphql-cost: 1` a result says what it cost in `extensions.cost`.
 */
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.js";
import { ApiError, ValidationError } from "../errors.js";
import { toGraphQLError } from "../graphql/mask-error.js";
import type { Budget } from "./rate-limit.js";
import { actualCost, requestedCost } from "./operation-cost.js";

/** The cost report is asked for, so results stay exactly `{ data }` for clients that do not care. */
export const COST_REPORT_HEADER = "x-graphql-cost";

function reportsCost(context: object) {
  return (context as { request?: Request }).request?.headers.get(COST_REPORT_HEADER) === "1";
}

export function useOperationCost(options: { budget: Budget; maxOperationCost: number }): Plugin<Context> {
  const { budget, maxOperationCost } = options;
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const { viewer } = args.contextValue;
      const requested = requestedCost(args.schema, args.document, args.operationName, args.variableValues ?? {});
      if (requested > maxOperationCost) {
        setResultAndStopExecution({
          errors: [
            toGraphQLError(
              new ValidationError([
                {
                  path: "query",
                  message: `costs up to ${requested} points, more than the ${maxOperationCost} one operation may cost; ask for smaller pages`,
                },
              ]),
            ),
          ],
        });
        return;
      }
      try {
        await budget.spend(viewer.credentialId, requested);
      } catch (error) {
        setResultAndStopExecution({ errors: [error instanceof ApiError ? toGraphQLError(error) : (error as Error as never)] });
        return;
      }
      return {
        // Not async itself: an operation that used what it reserved (nearly every small one) needs no promise.
        onExecuteDone({ result, setResult }) {
          if (!("data" in result)) return; // a stream (incremental delivery): charged as requested
          const actual = Math.max(0, actualCost(result.data) - 1); // the root object is free
          const reported = reportsCost(args.contextValue);
          // Nothing to give back and nobody asking what is left: no second trip to the limiter.
          if (actual === requested && !reported) return;
          // Lists without a page size can return more than requested: the refund is then negative.
          return budget.refund(viewer.credentialId, requested - actual).then((currentlyAvailable) => {
            if (!reported) return;
            const throttleStatus = {
              maximumAvailable: budget.points,
              currentlyAvailable,
              restoreRate: budget.points / budget.durationSeconds,
            };
            setResult({
              ...result,
              extensions: { ...result.extensions, cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus } },
            });
          });
        },
      };
    },
  };
}
