/**
 * `shipments(first, after)` in its default order (newest first): the page's rows with their sort
 * keys from SQL, and the connection (nodes, edges, pageInfo) written by a finisher that makes and
 * seals the cursors as the guarded resolvers do. `filter`, `orderBy`, `last`, `before` and
 * `totalCount` are left to the normal path.
 */
import { parseCursorConnectionArgs } from "@pothos/core";
import { getNamedType, type GraphQLField, type GraphQLObjectType } from "graphql";
import { DEFAULT_PAGE_SIZE, PAGE_SIZE } from "../../input-limits.js";
import { openCursor, sealCursor } from "../schema/cursors.js";
import { decodeCursor, encodeCursor, orderByClause, shipmentOrder } from "../schema/shipment-order.js";
import { scalarColumns } from "./fields.js";
import { objectJson, type Compiling } from "./objects.js";
import { FALLBACK, rowType, TENANT_COLUMN, type RootPlan } from "./root-plan.js";
import { collectSelection, NotPlannable, subSelections, type Selected } from "./selection.js";
import { cursorInstant, ident, jsonObject, orderSql, orderTerms } from "./sql.js";
import { plainArguments } from "./statement.js";

interface PageRow {
  /** The sort key's text, null where the normal path fails to make a cursor. */
  k: string | null;
  i: string;
  [shape: string]: unknown;
}

interface Page {
  rows: PageRow[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

type Writer = (page: Page, index: number) => unknown;

const objectWriter =
  (entries: [string, Writer][]): Writer =>
  (page, index) => {
    const object: Record<string, unknown> = {};
    for (const [key, write] of entries) object[key] = write(page, index);
    return object;
  };

type PageArguments = ReturnType<typeof parseCursorConnectionArgs>;

/** `shipments(first, after)` newest first, the order `shipments` has without `orderBy`. */
export function shipmentPage(c: Compiling, field: GraphQLField<unknown, unknown>, selected: Selected): RootPlan {
  const connection = getNamedType(field.type) as GraphQLObjectType;
  const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  const pageInfo = getNamedType(connection.getFields().pageInfo!.type) as GraphQLObjectType;
  const { type, model } = rowType(connection.getFields().nodes!);
  const order = shipmentOrder(undefined);
  const terms = orderTerms(orderByClause(order, false), scalarColumns(model));
  const [key, tieBreak] = terms;
  if (
    terms.length !== 2 ||
    key!.column !== order.key.column ||
    tieBreak!.column !== "id" ||
    key!.direction !== tieBreak!.direction ||
    order.key.nullable
  ) {
    throw new NotPlannable("shipments order");
  }
  const alias = c.statement.alias();
  const shapes: [string, string][] = [];
  const shape = (s: Selected) => {
    const name = `n${shapes.length}`;
    shapes.push([name, objectJson(c, type, alias, subSelections(s))]);
    return name;
  };
  let needsCursors = false;
  const fieldsOf = (t: GraphQLObjectType, s: Selected, write: (entry: Selected) => Writer): [string, Writer][] =>
    collectSelection(c.scope, t, subSelections(s)).map((entry) => [entry.key, entry.name === "__typename" ? () => t.name : write(entry)]);
  const connectionEntries = fieldsOf(connection, selected, (entry): Writer => {
    switch (entry.name) {
      case "nodes": {
        const name = shape(entry);
        return (page) => page.rows.map((row) => row[name]);
      }
      case "edges": {
        const write = objectWriter(
          fieldsOf(edge, entry, (e): Writer => {
            if (e.name === "cursor") {
              needsCursors = true;
              return (page, i) => page.cursors[i];
            }
            if (e.name !== "node") throw new NotPlannable(`edges.${e.name}`);
            const name = shape(e);
            return (page, i) => page.rows[i]![name];
          }),
        );
        return (page) => page.rows.map((_, i) => write(page, i));
      }
      case "pageInfo":
        return objectWriter(
          fieldsOf(pageInfo, entry, (e): Writer => {
            if (e.name === "hasNextPage") return (page) => page.hasNextPage;
            if (e.name === "hasPreviousPage") return (page) => page.hasPreviousPage;
            needsCursors = true;
            if (e.name === "startCursor") return (page) => page.cursors[0];
            if (e.name === "endCursor") return (page) => page.cursors[page.cursors.length - 1];
            throw new NotPlannable(`pageInfo.${e.name}`);
          }),
        );
      default:
        throw new NotPlannable(`shipments.${entry.name}`);
    }
  });
  const write = objectWriter(connectionEntries);

  const after = c.statement.param();
  const afterId = c.statement.param();
  const limit = c.statement.param();
  c.statement.bind((ctx, variables, values, request) => {
    const args = plainArguments("Query", field, selected.nodes[0]!, variables);
    if (!args || args.filter != null || args.orderBy != null || args.last != null || args.before != null) return false;
    try {
      const opened = typeof args.after === "string" ? openCursor(ctx.cursorKey, ctx.viewer.tenantId, args.after, "after") : undefined;
      const page = parseCursorConnectionArgs({ args: { ...args, after: opened }, defaultSize: DEFAULT_PAGE_SIZE, maxSize: PAGE_SIZE });
      if (page.inverted) return false;
      const cursor = opened === undefined ? undefined : decodeCursor(order, opened, "after");
      values[after.index] = cursor ? new Date(cursor.value!) : null;
      values[afterId.index] = cursor?.id ?? null;
      values[limit.index] = page.limit;
      request.roots.set(selected.key, page);
      return true;
    } catch {
      return false;
    }
  });

  // Without a cursor the keyset starts before every row (`createdAt` is the database's now() at
  // insert, never ±infinity), so the condition stays an index condition in the prepared, generic plan.
  const [past, start] = key!.direction === "desc" ? ["<", "infinity"] : [">", "-infinity"];
  const columns = `(${alias}.${ident(key!.column)}, ${alias}.${ident(tieBreak!.column)})`;
  const where =
    `${alias}.${ident(TENANT_COLUMN)} = $1 AND ${columns} ${past} ` +
    `(COALESCE(${after.placeholder}::timestamptz, '${start}'), COALESCE(${afterId.placeholder}::text, ''))`;
  const rows = `SELECT * FROM ${ident(model)} ${alias} WHERE ${where} ORDER BY ${orderSql(alias, terms)} LIMIT ${limit.placeholder}`;
  const row = jsonObject([["k", cursorInstant(alias, key!.column)], ["i", `${alias}.${ident(tieBreak!.column)}`], ...shapes]);
  return {
    key: selected.key,
    sql: `COALESCE((SELECT json_agg(${row} ORDER BY ${orderSql(alias, terms)}) FROM (${rows}) ${alias}), '[]'::json)`,
    finish: (value, request, ctx) => {
      const args = request.roots.get(selected.key) as PageArguments;
      const all = value as PageRow[];
      const rows = all.slice(0, args.expectedSize);
      // An empty page's cursors are the `after` it was given; a row without a valid sort key fails there.
      if (!rows.length || rows.some((r) => r.k === null)) return FALLBACK;
      const cursors = needsCursors
        ? rows.map((r) => sealCursor(ctx.cursorKey, ctx.viewer.tenantId, encodeCursor(order, { [order.key.column]: r.k, id: r.i })))
        : [];
      return write({ rows, cursors, hasNextPage: args.hasNextPage(all.length), hasPreviousPage: args.hasPreviousPage(all.length) }, 0);
    },
  };
}
