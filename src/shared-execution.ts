/**
 * Subscription fan-out without per-subscriber work: one published update reaches every subscriber of
 * its tenant as the same message object, and subscribers with the same operation and variables would
 * all compute the same result. So each update is executed once per (tenant, operation, variables) and
 * the result shared; graphql-ws only serializes and sends it per socket.
 */
import { createSourceEventStream, execute, GraphQLError, print, type ExecutionArgs, type ExecutionResult } from "graphql";
import { maskGraphQLError as masked } from "./mask-error.js";
import { perMessage } from "./pubsub.js";

const executeOncePerMessage = perMessage();

async function executeEvent(args: ExecutionArgs, message: unknown): Promise<ExecutionResult> {
  const result = await execute({ ...args, rootValue: message });
  return result.errors ? { ...result, errors: result.errors.map(masked) } : result;
}

function executeOnce(args: ExecutionArgs, message: unknown, key: string): Promise<ExecutionResult> {
  if (typeof message !== "object" || message === null) return executeEvent(args, message);
  return executeOncePerMessage(message, key, () => executeEvent(args, message));
}

async function* responses(source: AsyncIterable<unknown>, args: ExecutionArgs, key: string) {
  try {
    for await (const message of source) yield await executeOnce(args, message, key);
  } catch (error) {
    throw error instanceof GraphQLError ? error : new Error("Unexpected error.");
  }
}

/**
 * `subscribe` for graphql-ws: the schema's source stream, each event executed once for all
 * subscribers that share `scope` (the tenant) and the operation.
 */
export async function subscribeShared(args: ExecutionArgs, scope: string) {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return { errors: source.errors?.map(masked) };
  const key = JSON.stringify([scope, print(args.document), args.operationName ?? null, args.variableValues ?? {}]);
  return responses(source, args, key);
}
