/**
 * Tells a dependency fault (PostgreSQL or Redis unreachable, a connection cut mid-query, a pool that
 * cannot hand out a connection) from a bug. Faults pass when the dependency returns, so the edge
 * answers them with 503 and Retry-After instead of masking them as unexpected errors.
 */

// SQLSTATE: class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const PG_CONNECTION_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// Prisma: can't reach the server, timed out reaching it, server closed the connection, pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
// @prisma/adapter-pg's classification of a driver error.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// node-postgres and ioredis say it only in words.
const MESSAGES = [
  /^Connection terminated/,
  /connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
];

interface Inspectable {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  kind?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function isFaultItself(error: Inspectable): boolean {
  const code = typeof error.code === "string" ? error.code : "";
  if (PG_CONNECTION_STATES.test(code) || SOCKET_CODES.has(code) || PRISMA_CODES.has(code)) return true;
  if (typeof error.kind === "string" && ADAPTER_KINDS.has(error.kind)) return true;
  if (error.name === "MaxRetriesPerRequestError") return true;
  return typeof error.message === "string" && MESSAGES.some((pattern) => pattern.test(error.message as string));
}

/** True when `error`, or anything it wraps (GraphQL's originalError, causes, Prisma's adapter error), is a dependency fault. */
export function isDependencyFault(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 8) return false;
  const e = error as Inspectable;
  if (isFaultItself(e)) return true;
  const wrapped = [e.originalError, e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return wrapped.some((inner) => isDependencyFault(inner, depth + 1));
}
