import { Kind, type ValueNode } from "graphql";
import { ValidationError } from "../../errors.js";
import { toGraphQLError } from "../mask-error.js";
import { Prisma } from "../../generated/prisma/client.js";
import { INSTANT_WINDOW, inInstantWindow } from "../../input-limits.js";
import { builder } from "./builder.js";

// An instant needs its offset: a wall-clock time without one is ambiguous, and we never invent a Z.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * graphql-js names a variable's path in its message and a literal's by its location in the
 * document; input-errors.ts moves either into the details, so the detail starts with no path.
 * A GraphQLError, because graphql-js prefixes any other error a scalar throws with its own words.
 */
const invalid = (message: string) => toGraphQLError(new ValidationError([{ path: "", message }], message));

function literal(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
  return undefined;
}

/**
 * A literal's parser. graphql-js passes a GraphQLError thrown from parseLiteral on as it is, without
 * the literal's location; a plain Error it wraps with the location, so the answer can name the input
 * path as it does for the same value in a variable.
 */
function fromLiteral<T>(parse: (value: unknown) => T) {
  return (ast: ValueNode): T => {
    try {
      return parse(literal(ast));
    } catch (error) {
      throw new Error((error as Error).message);
    }
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

/**
 * The instant an ISO-8601 string names, built from its fields rather than by `new Date`, which
 * silently rolls 2024-02-30 over to March and T24:00 over to the next day. Null when the string is
 * not one, or names a day or time that does not exist.
 */
function instantOf(value: string): Date | null {
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const [offsetHours, offsetMinutes] = [Number(m[10] ?? 0), Number(m[11] ?? 0)];
  const exists =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 18 &&
    offsetMinutes <= 59;
  if (!exists) return null;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  const offset = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return new Date(local.getTime() - offset * 60_000);
}

export function parseInstant(value: unknown): Date {
  const date = typeof value === "string" ? instantOf(value) : null;
  if (!date) {
    throw invalid(`Expected an ISO-8601 date-time with an offset such as 2024-01-15T10:30:00Z, got ${JSON.stringify(value)?.slice(0, 64)}`);
  }
  if (!inInstantWindow(date)) {
    throw invalid(
      `Expected an instant from ${INSTANT_WINDOW.from.toISOString()} to before ${INSTANT_WINDOW.until.toISOString()}, got ${JSON.stringify(value)}`,
    );
  }
  return date;
}

/**
 * Rows written before input bounds existed may hold a date before year 1, which the database client
 * hands over as an invalid Date. Such a row must still read (one bad event must not hide a whole
 * shipment list), so it reads as the start of ISO year 0 (1 BC), where the year-0000 inputs that
 * made such rows landed.
 */
export const BEFORE_YEAR_ONE = "0000-01-01T00:00:00.000Z";

function serializeInstant(value: unknown): string {
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? BEFORE_YEAR_ONE : date.toISOString();
}

builder.scalarType("DateTime", {
  description: `An instant as an ISO-8601 string in UTC, e.g. \`2024-01-15T10:30:00.000Z\`. Inputs must carry an offset, name a real calendar day and time, and lie from ${INSTANT_WINDOW.from.toISOString()} to before ${INSTANT_WINDOW.until.toISOString()}.`,
  serialize: serializeInstant,
  parseValue: parseInstant,
  parseLiteral: fromLiteral(parseInstant),
});

// Longer than any Decimal column can hold, with room for a sign, a point and trailing zeros.
const MAX_DECIMAL_CHARACTERS = 40;

function parseDecimal(value: unknown): Prisma.Decimal {
  if (
    (typeof value === "number" && Number.isFinite(value)) ||
    (typeof value === "string" && value.length <= MAX_DECIMAL_CHARACTERS && /^-?\d+(\.\d+)?$/.test(value))
  ) {
    return new Prisma.Decimal(value);
  }
  throw invalid(`Expected a decimal number such as 34.56, got ${JSON.stringify(value)?.slice(0, 64)}`);
}

builder.scalarType("Decimal", {
  description:
    'An exact decimal amount. Serialized as a string (`"34.56"`) so no precision is lost; accepted as a string or a number. Amounts hold up to 15 digits before the point and 4 after it.',
  serialize: (value) => new Prisma.Decimal(value).toString(),
  parseValue: parseDecimal,
  parseLiteral: fromLiteral(parseDecimal),
});
