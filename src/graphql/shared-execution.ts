/**
 * Subscription fan-out without per-subscriber work: one published update reaches every subscriber of
 * its tenant as the same message object, and subscribers with the same operation and variables would
 * all compute the same result. So each update is executed once per (tenant, operation, variables) and
 * the result shared; graphql-ws only serializes and sends it per socket.
 */
import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from "graphql";
import { maskGraphQLError as masked, operationError } from "./mask-error.js";
import { perMessage } from "../tracking/bus.js";

const executeOncePerMessage = perMessage();

async function executeEvent(args: ExecutionArgs, message: unknown): Promise<ExecutionResult> {
  const result = await execute({ ...args, rootValue: message });
  return result.errors ? { ...result, errors: result.errors.map(masked) } : result;
}

function executeOnce(args: ExecutionArgs, message: unknown, key: string): Promise<ExecutionResult> {
  if (typeof message !== "object" || message === null) return executeEvent(args, message);
  return executeOncePerMessage(message, key, () => executeEvent(args, message));
}

/** The dependency (the database) was away while an update's data was loaded. */
const unavailable = (result: ExecutionResult) => result.errors?.some((error) => error.extensions?.code === "SERVICE_UNAVAILABLE") ?? false;

async function* responses(source: AsyncIterable<unknown>, args: ExecutionArgs, key: string, onUnavailable: () => void) {
  try {
    for await (const message of source) {
      const result = await executeOnce(args, message, key);
      // Sent as an error in the update's place, the update would be lost: the client cannot tell
      // which one it was and resumes after the next. Ended instead, it is replayed on resume.
      if (unavailable(result)) return onUnavailable();
      yield result;
    }
  } catch (error) {
    throw operationError(error);
  }
}

/**
 * `subscribe` for graphql-ws: the schema's source stream, each event executed once for all
 * subscribers that share `scope` (the tenant) and the operation. An event that cannot be executed
 * for an outage ends the stream with `onUnavailable` (which sends the client back to resume).
 */
export async function subscribeShared(args: ExecutionArgs, scope: string, onUnavailable: () => void) {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return { errors: source.errors?.map(masked) };
  const key = JSON.stringify([scope, print(args.document), args.operationName ?? null, args.variableValues ?? {}]);
  return responses(source, args, key, onUnavailable);
}
