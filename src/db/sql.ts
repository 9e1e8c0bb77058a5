/**
 * Hand-written SQL in one style: a tagged template whose interpolations become `$n` parameters (never
 * text), composable — an `sql` fragment interpolated into another is spliced in, its values numbered
 * in turn — and named by a leading comment (`sql\`/* lockShipment *\/ SELECT …\``), so that
 * pg_stat_statements, slow-query logs and row-check errors say which statement it was.
 */
import type pg from "pg";
import type { RowReader } from "./rows.js";

export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Nothing: the branch of an optional clause that is not taken. */
export const empty = sql``;

/** Fragments one after another, `separator` between them (SET clauses, column lists). */
export function join(fragments: Sql[], separator: string): Sql {
  return new Sql(["", ...fragments.slice(1).map(() => separator), ""], fragments);
}

export interface Statement {
  name: string;
  text: string;
  values: unknown[];
}

const NAMED = /^\s*\/\* ([A-Za-z][A-Za-z0-9]*) \*\//;

/** The statement pg receives. Only a whole statement needs a name; fragments inside it need none. */
export function statement(fragment: Sql): Statement {
  const values: unknown[] = [];
  const text = render(fragment, values);
  const name = NAMED.exec(text)?.[1];
  if (!name) throw new Error(`SQL statement without a leading /* name */ comment: ${text.slice(0, 60)}`);
  return { name, text, values };
}

function render(fragment: Sql, values: unknown[]): string {
  let text = fragment.strings[0]!;
  fragment.values.forEach((value, i) => {
    text += value instanceof Sql ? render(value, values) : `$${values.push(value)}`;
    text += fragment.strings[i + 1]!;
  });
  return text;
}

/** A pool, or the one client of a transaction. */
export type Queryable = Pick<pg.Pool | pg.ClientBase, "query">;

/**
 * Hot statements can be prepared: PostgreSQL parses and plans them once per connection instead of on
 * every run, and their text is not sent again. A composed text is its own statement, so the name
 * pg gets is the statement's name numbered per distinct text; past a bound they run unprepared.
 */
export interface RunOptions {
  prepare?: boolean;
}

const preparedNames = new Map<string, string>();
const MAX_PREPARED = 256;

function queryConfig({ name, text, values }: Statement, prepare = false): pg.QueryConfig {
  if (!prepare) return { text, values };
  let prepared = preparedNames.get(text);
  if (prepared === undefined && preparedNames.size < MAX_PREPARED) preparedNames.set(text, (prepared = `${name}_${preparedNames.size}`));
  return { name: prepared, text, values };
}

/** Runs a statement that answers rows and checks each once, here, where it is read. */
export async function query<Row>(on: Queryable, fragment: Sql, read: RowReader<Row>, options: RunOptions = {}): Promise<Row[]> {
  const named = statement(fragment);
  const { rows } = await on.query(queryConfig(named, options.prepare));
  return rows.map((row) => read(row, named.name));
}

/** Runs a statement for its effect; resolves to the number of rows it touched. */
export async function execute(on: Queryable, fragment: Sql, options: RunOptions = {}): Promise<number> {
  const { rowCount } = await on.query(queryConfig(statement(fragment), options.prepare));
  return rowCount ?? 0;
}
