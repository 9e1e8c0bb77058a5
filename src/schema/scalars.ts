import { Kind, type ValueNode } from "graphql";
import { Prisma } from "../generated/prisma/client.js";
import { ValidationError } from "../errors.js";
import { builder } from "./builder.js";

// An instant needs its offset: a wall-clock time without one is ambiguous, and we never invent a Z.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

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

export function parseInstant(value: unknown): Date {
  const date = typeof value === "string" && INSTANT.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new ValidationError([], `Expected an ISO-8601 date-time with an offset such as 2024-01-15T10:30:00Z, got ${JSON.stringify(value)}`);
  }
  return date;
}

builder.scalarType("DateTime", {
  description: "An instant as an ISO-8601 string in UTC, e.g. `2024-01-15T10:30:00.000Z`. Inputs must carry an offset.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: parseInstant,
  parseLiteral: fromLiteral(parseInstant),
});

function parseDecimal(value: unknown): Prisma.Decimal {
  if ((typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value))) {
    return new Prisma.Decimal(value);
  }
  throw new ValidationError([], `Expected a decimal number such as 34.56, got ${JSON.stringify(value)}`);
}

builder.scalarType("Decimal", {
  description:
    "An exact decimal amount. Serialized as a string (`\"34.56\"`) so no precision is lost; accepted as a string or a number.",
  serialize: (value) => new Prisma.Decimal(value).toString(),
  parseValue: parseDecimal,
  parseLiteral: fromLiteral(parseDecimal),
});
