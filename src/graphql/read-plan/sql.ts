/**
 * SQL text for read plans: JSON built in PostgreSQL with the bytes the normal path serializes.
 * Identifiers come from the Prisma datamodel and are quoted; keys and type names are GraphQL
 * names (`[_A-Za-z][_0-9A-Za-z]*`, checked), so a literal cannot hold a quote; values are parameters.
 */
import { BEFORE_YEAR_ONE } from "../schema/scalars.js";
import type { ColumnKind } from "./fields.js";
import { NotPlannable } from "./selection.js";

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A GraphQL name as a SQL string literal. */
export function nameLiteral(name: string): string {
  if (!GRAPHQL_NAME.test(name)) throw new NotPlannable(name);
  return `'${name}'`;
}

/**
 * `json_build_object` takes at most 100 arguments (PostgreSQL's FUNC_MAX_ARGS), so 50 keys; a
 * wider selection takes the normal path.
 */
const MAX_KEYS = 50;

export function jsonObject(entries: [key: string, sql: string][]): string {
  if (entries.length > MAX_KEYS) throw new NotPlannable("too many fields in one object");
  return `json_build_object(${entries.map(([key, sql]) => `${nameLiteral(key)}, ${sql}`).join(", ")})`;
}

/**
 * `Date#toISOString()` of what the Prisma client reads: the adapter hands the instant over as text,
 * and one outside years 1–9999 (a BC or five-digit year) becomes an invalid Date there; `outside`
 * stands for that case.
 */
function isoInstant(ref: string, outside: string): string {
  return (
    `CASE WHEN ${ref} < '0001-01-01 00:00:00+00' OR ${ref} >= '10000-01-01 00:00:00+00' THEN ${outside} ` +
    `ELSE to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`
  );
}

/** A column's value as the response writes it. */
export function columnValue(alias: string, column: string, as: ColumnKind): string {
  const ref = `${alias}.${ident(column)}`;
  switch (as) {
    case "json":
      return ref;
    // DateTime writes an invalid Date as the start of year 0 (src/graphql/schema/scalars.ts).
    case "dateTime":
      return isoInstant(ref, `'${BEFORE_YEAR_ONE}'`);
    // Prisma.Decimal#toString(): no trailing zeros, and no exponent at our columns' sizes (19,4 and 9,6).
    case "decimal":
      return `trim_scale(${ref})::text`;
    case "stringList":
      return `to_json(${ref})`;
  }
}

/** A cursor's sort value, the text `encodeCursor` makes of the Date; NULL where that Date is invalid (the normal path then fails). */
export const cursorInstant = (alias: string, column: string) => isoInstant(`${alias}.${ident(column)}`, "NULL");

export type Direction = "asc" | "desc";

export interface OrderTerm {
  column: string;
  direction: Direction;
}

export const orderSql = (alias: string, terms: OrderTerm[], reversed = false) =>
  terms.map((t) => `${alias}.${ident(t.column)} ${(t.direction === "asc") !== reversed ? "ASC" : "DESC"}`).join(", ");

/** Prisma's `orderBy` (one `{ column: "asc" | "desc" }` or a list of them) as terms; anything else is refused. */
export function orderTerms(orderBy: unknown, columns: Set<string>): OrderTerm[] {
  const list = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  return list.map((term) => {
    const entries = term && typeof term === "object" ? Object.entries(term) : [];
    const [column, direction] = entries[0] ?? [];
    if (entries.length !== 1 || !columns.has(column!) || (direction !== "asc" && direction !== "desc")) throw new NotPlannable("orderBy");
    return { column: column!, direction };
  });
}
