/**
 * What each planned root field is: one SQL expression (scoped to `$1`, the caller's tenant) and a
 * finisher that turns its value into the field's answer, or says the normal path must answer.
 */
import { getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType } from "graphql";
import type { Context } from "../../context.js";
import { modelOf, scalarColumns } from "./fields.js";
import { NotPlannable } from "./selection.js";
import type { BoundRequest } from "./statement.js";

/** A finisher's answer when the row alone cannot say what the normal path would. */
export const FALLBACK = Symbol("fallback");

export interface RootPlan {
  key: string;
  /** The root's JSON expression; none for `__typename`. */
  sql?: string;
  finish(value: unknown, request: BoundRequest, ctx: Context): unknown;
}

/** Every root reads only rows of the caller's tenant. */
export const TENANT_COLUMN = "tenantId";

/** The object type a root field returns rows of, and its model (which must carry the tenant). */
export function rowType(field: GraphQLField<unknown, unknown>): { type: GraphQLObjectType; model: string } {
  const type = getNamedType(field.type);
  const model = isObjectType(type) ? modelOf(type) : undefined;
  if (!model || !scalarColumns(model).has(TENANT_COLUMN)) throw new NotPlannable(field.name);
  return { type: type as GraphQLObjectType, model };
}
