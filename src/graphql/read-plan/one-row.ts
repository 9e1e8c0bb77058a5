/**
 * `shipment(id)` and `shipmentByNumber`: one of the caller's shipments by a unique column. A missing
 * row takes the normal path, which answers NOT_FOUND (another tenant's id included) as it always does.
 */
import type { GraphQLField } from "graphql";
import { objectJson, type Compiling } from "./objects.js";
import { FALLBACK, rowType, TENANT_COLUMN, type RootPlan } from "./root-plan.js";
import { subSelections, type Selected } from "./selection.js";
import { ident } from "./sql.js";
import { plainArguments } from "./statement.js";

/** Root fields reading one shipment by a unique column named like their argument (src/graphql/schema/shipment.ts). */
export const BY_UNIQUE_COLUMN = new Map([
  ["shipment", "id"],
  ["shipmentByNumber", "shipmentNumber"],
]);

export function oneRow(c: Compiling, field: GraphQLField<unknown, unknown>, selected: Selected, column: string): RootPlan {
  const { type, model } = rowType(field);
  const alias = c.statement.alias();
  const value = c.statement.param();
  c.statement.bind((_ctx, variables, values) => {
    const args = plainArguments("Query", field, selected.nodes[0]!, variables);
    if (!args) return false;
    values[value.index] = String(args[column]);
    return true;
  });
  const object = objectJson(c, type, alias, subSelections(selected));
  return {
    key: selected.key,
    sql: `(SELECT ${object} FROM ${ident(model)} ${alias} WHERE ${alias}.${ident(TENANT_COLUMN)} = $1 AND ${alias}.${ident(column)} = ${value.placeholder})`,
    finish: (row) => (row === null ? FALLBACK : row),
  };
}
