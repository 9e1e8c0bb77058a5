/**
 * Row checks for hand-written SQL: each statement declares the columns it reads and their JS types,
 * and every row is checked against them once, where it is read, instead of being cast. A row that
 * does not fit (a column renamed, a type changed in a migration) fails with the statement's name and
 * the column, not later as `undefined` somewhere else.
 */

/** One column's JS type as node-postgres hands it over. */
export interface Column<T> {
  readonly expected: string;
  readonly accepts: (value: unknown) => value is T;
}

const column = <T>(expected: string, accepts: (value: unknown) => boolean): Column<T> => ({
  expected,
  accepts: accepts as (value: unknown) => value is T,
});

export const text = column<string>("text", (v) => typeof v === "string");
export const integer = column<number>("an integer", (v) => Number.isInteger(v));
export const float = column<number>("a number", (v) => typeof v === "number");
export const boolean = column<boolean>("a boolean", (v) => typeof v === "boolean");
export const instant = column<Date>("an instant", (v) => v instanceof Date && !Number.isNaN(v.getTime()));
export const texts = column<string[]>("a text[]", (v) => Array.isArray(v) && v.every((e) => typeof e === "string"));
/** A jsonb object we stored ourselves. */
export const object = column<Record<string, unknown>>("a JSON object", (v) => typeof v === "object" && v !== null && !Array.isArray(v));

export function nullable<T>(of: Column<T>): Column<T | null> {
  return column(`${of.expected} or null`, (v) => v === null || of.accepts(v));
}

/** A value of one of the schema's enums (src/generated/prisma/enums.ts). */
export function oneOf<E extends Record<string, string>>(name: string, values: E): Column<E[keyof E]> {
  const allowed = new Set<unknown>(Object.values(values));
  return column(name, (v) => allowed.has(v));
}

type Columns = Record<string, Column<unknown>>;
export type RowOf<C extends Columns> = { [K in keyof C]: C[K] extends Column<infer T> ? T : never };

/** A JSON list of records (`json_agg(json_build_object(…))`), each checked like a row. */
export function records<C extends Columns>(columns: C): Column<RowOf<C>[]> {
  const entries = Object.entries(columns);
  const expected = `a JSON list of { ${entries.map(([key, c]) => `${key}: ${c.expected}`).join(", ")} }`;
  return column(
    expected,
    (v) =>
      Array.isArray(v) &&
      v.every((r) => typeof r === "object" && r !== null && entries.every(([key, c]) => c.accepts((r as Record<string, unknown>)[key]))),
  );
}

/** Checks a row of the named statement; the statement is named in the error. */
export type RowReader<Row> = (row: Record<string, unknown>, statement: string) => Row;

export function rowOf<C extends Columns>(columns: C): RowReader<RowOf<C>> {
  const entries = Object.entries(columns);
  return (row, statement) => {
    for (const [key, c] of entries) {
      const value = row[key];
      if (!c.accepts(value)) throw new Error(`${statement}: column "${key}" is ${describe(value)}, expected ${c.expected}`);
    }
    return row as RowOf<C>;
  };
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a Date";
  return `a ${typeof value} (${String(JSON.stringify(value)).slice(0, 40)})`;
}
