/**
 * A selection on a Prisma-backed object type as one JSON expression: its columns, `__typename`,
 * and list relations as ordered `json_agg` subqueries, nested as deep as the selection goes.
 */
import type { GraphQLObjectType, SelectionSetNode } from "graphql";
import { plannedField, scalarColumns, type RelationField } from "./fields.js";
import { collectSelection, NotPlannable, subSelections, type Selected, type SelectionScope } from "./selection.js";
import { columnValue, ident, jsonObject, nameLiteral, orderSql, orderTerms, type OrderTerm } from "./sql.js";
import { plainArguments, type Statement } from "./statement.js";

export interface Compiling {
  scope: SelectionScope;
  statement: Statement;
}

/** The JSON object `sets` select on a row of `type` aliased `alias`. */
export function objectJson(c: Compiling, type: GraphQLObjectType, alias: string, sets: readonly SelectionSetNode[]): string {
  const entries: [string, string][] = collectSelection(c.scope, type, sets).map((selected) => {
    if (selected.name === "__typename") return [selected.key, `${nameLiteral(type.name)}::text`];
    const field = type.getFields()[selected.name];
    if (!field) throw new NotPlannable(selected.name);
    const planned = plannedField(type, field);
    if (planned.kind === "column") return [selected.key, columnValue(alias, planned.column, planned.as)];
    return [selected.key, relationJson(c, type, planned, selected, alias)];
  });
  return jsonObject(entries);
}

interface RelationQuery {
  order: OrderTerm[];
  /** Prisma's negative `take`: the last N rows in this order. */
  last?: number;
}

/** A relation's Prisma query, when it is only an order and a `take` from the end. */
function relationQuery(query: unknown, columns: Set<string>): RelationQuery {
  const { orderBy, take, ...rest } = (query ?? {}) as { orderBy?: unknown; take?: unknown };
  if (Object.keys(rest).length) throw new NotPlannable(`relation query ${Object.keys(rest).join(", ")}`);
  if (take !== undefined && !(Number.isInteger(take) && (take as number) < 0)) throw new NotPlannable("take");
  return { order: orderTerms(orderBy, columns), last: take === undefined ? undefined : -(take as number) };
}

const sameOrder = (a: OrderTerm[], b: OrderTerm[]) =>
  a.length === b.length && a.every((t, i) => t.column === b[i]!.column && t.direction === b[i]!.direction);

function relationJson(c: Compiling, parent: GraphQLObjectType, relation: RelationField, selected: Selected, parentAlias: string): string {
  const field = parent.getFields()[selected.name]!;
  const columns = scalarColumns(relation.model);
  const child = c.statement.alias();
  // The order is the relation's own query (src/graphql/schema/*.ts), the one Pothos folds into Prisma's.
  const compiled = relationQuery(relation.query({}, {}), columns);
  // An unordered list would come back in whatever order PostgreSQL reads it, on either path.
  if (!compiled.order.length || compiled.last !== undefined) throw new NotPlannable(`${parent.name}.${field.name}: order`);
  const rows = objectJson(c, relation.type, child, subSelections(selected));
  const join = `${child}.${ident(relation.foreignKey)} = ${parentAlias}.${ident(relation.parentKey)}`;
  const aggregate = `json_agg(${rows} ORDER BY ${orderSql(child, compiled.order)})`;
  if (!field.args.length) {
    return `COALESCE((SELECT ${aggregate} FROM ${ident(relation.model)} ${child} WHERE ${join}), '[]'::json)`;
  }
  // With arguments (`trackingEvents(last:)`), the query may keep only the last N: read them in the
  // reverse order with a LIMIT (NULL: all), then aggregate in the relation's order, as Prisma does.
  const limit = c.statement.param();
  const node = selected.nodes[0]!;
  c.statement.bind((ctx, variables, values) => {
    const args = plainArguments(parent.name, field, node, variables);
    if (!args) return false;
    let query: RelationQuery;
    try {
      query = relationQuery(relation.query(args, ctx), columns);
    } catch {
      return false;
    }
    if (!sameOrder(query.order, compiled.order)) return false;
    values[limit.index] = query.last ?? null;
    return true;
  });
  const last = `SELECT * FROM ${ident(relation.model)} ${child} WHERE ${join} ORDER BY ${orderSql(child, compiled.order, true)} LIMIT ${limit.placeholder}`;
  return `COALESCE((SELECT ${aggregate} FROM (${last}) ${child}), '[]'::json)`;
}
