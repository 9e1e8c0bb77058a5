/**
 * Holds a field's arguments, as graphql-js coerced them, to the limits of src/input-limits.ts.
 * It walks the argument values along their GraphQL input types, so every input field of every
 * operation is checked in this one place and named by its path (`input.cartons[3].items[0].sku`).
 */
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from "graphql";
import type { ValidationDetail } from "../../errors.js";
import type { Prisma } from "../../generated/prisma/client.js";
import {
  DECIMAL_PRECISION,
  DEFAULT_DECIMAL,
  DEFAULT_LIST_LENGTH,
  INPUT_OBJECTS_PER_REQUEST,
  LIST_LENGTH,
  PAGE_SIZE,
  STRING_KIND,
  STRING_LENGTH,
} from "../../input-limits.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Walk {
  problems: ValidationDetail[];
  inputObjects: number;
}

function checkString(value: string, key: string, path: string, walk: Walk) {
  const max = STRING_LENGTH[STRING_KIND[key] ?? "short"];
  if (value.length > max) walk.problems.push({ path, message: `must be at most ${max} characters` });
  // PostgreSQL text cannot hold NUL, and a lone surrogate is not Unicode: both would fail the write.
  if (value.includes("\u0000")) walk.problems.push({ path, message: "must not contain NUL characters" });
  if (LONE_SURROGATE.test(value)) walk.problems.push({ path, message: "must not contain unpaired surrogates (not valid Unicode)" });
}

function checkDecimal(value: Prisma.Decimal, key: string, path: string, walk: Walk) {
  const { precision, scale } = DECIMAL_PRECISION[key] ?? DEFAULT_DECIMAL;
  const integerDigits = precision - scale;
  if (value.decimalPlaces() > scale) walk.problems.push({ path, message: `must have at most ${scale} digits after the point` });
  if (value.abs().gte(`1e${integerDigits}`))
    walk.problems.push({ path, message: `must have at most ${integerDigits} digits before the point` });
}

interface InputField {
  name: string;
  type: GraphQLInputType;
  /** `InputType.field`, as the limits name it. */
  key: string;
}

// Walked for every input object of every request: the field list and keys are made once per type.
const fieldsOf = new WeakMap<GraphQLInputObjectType, InputField[]>();

function inputFields(type: GraphQLInputObjectType): InputField[] {
  let fields = fieldsOf.get(type);
  if (!fields) {
    fields = Object.values(type.getFields()).map((field) => ({ name: field.name, type: field.type, key: `${type.name}.${field.name}` }));
    fieldsOf.set(type, fields);
  }
  return fields;
}

/** `key` names the input field (`InputType.field`) or argument (`Type.field.argument`) the value is for. */
function checkValue(type: GraphQLInputType, value: unknown, key: string, path: string, walk: Walk) {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const list = value as unknown[];
    const max = LIST_LENGTH[key] ?? DEFAULT_LIST_LENGTH;
    // Not walked further: a list over its bound is rejected whole, however it is made up.
    if (list.length > max) walk.problems.push({ path, message: `must have at most ${max} entries` });
    else {
      for (let i = 0; i < list.length; i++) {
        if (list[i] != null) checkValue(nullable.ofType, list[i], key, `${path}[${i}]`, walk);
      }
    }
    return;
  }
  if (isInputObjectType(nullable)) {
    if (++walk.inputObjects === INPUT_OBJECTS_PER_REQUEST + 1) {
      walk.problems.push({ path, message: `a request may carry at most ${INPUT_OBJECTS_PER_REQUEST} input objects in all` });
    }
    if (walk.inputObjects > INPUT_OBJECTS_PER_REQUEST) return;
    const record = value as Record<string, unknown>;
    for (const field of inputFields(nullable)) {
      const fieldValue = record[field.name];
      if (fieldValue != null) checkValue(field.type, fieldValue, field.key, `${path}.${field.name}`, walk);
    }
    return;
  }
  const named = getNamedType(type);
  if (!isScalarType(named)) return;
  if (typeof value === "string") checkString(value, key, path, walk);
  else if (named.name === "Decimal") checkDecimal(value as Prisma.Decimal, key, path, walk);
}

/** Relay's rules for paging arguments, wherever a field takes them. */
function checkPaging(args: Record<string, unknown>, walk: Walk) {
  for (const name of ["first", "last"]) {
    const value = args[name];
    if (typeof value !== "number") continue;
    if (value < 0) walk.problems.push({ path: name, message: "must not be negative" });
    if (value > PAGE_SIZE) walk.problems.push({ path: name, message: `must be at most ${PAGE_SIZE}` });
  }
  if (args.first != null && args.last != null) walk.problems.push({ path: "last", message: "cannot be combined with first" });
}

/** Every problem with a field's arguments, or none. `field` is `Type.field`. */
export function argumentProblems(
  field: string,
  definitions: readonly GraphQLArgument[],
  args: Record<string, unknown>,
): ValidationDetail[] {
  const walk: Walk = { problems: [], inputObjects: 0 };
  for (const arg of definitions) checkValue(arg.type, args[arg.name], `${field}.${arg.name}`, arg.name, walk);
  checkPaging(args, walk);
  return walk.problems;
}

/** The limits every input is held to, in words, for the descriptions of the inputs that carry documents. */
export const INPUT_LIMITS_IN_WORDS =
  `Strings hold at most ${STRING_LENGTH.short} characters and lists at most ${DEFAULT_LIST_LENGTH} entries unless a field says otherwise; ` +
  `amounts ${DEFAULT_DECIMAL.precision - DEFAULT_DECIMAL.scale} digits before the point and ${DEFAULT_DECIMAL.scale} after it; and one request at most ${INPUT_OBJECTS_PER_REQUEST} input objects in all (a carton, an item, a fee, an event each count one).`;
