/** The root fields a read plan takes; any other root field leaves the operation to the normal path. */
import type { GraphQLObjectType } from "graphql";
import type { Compiling } from "./objects.js";
import { BY_UNIQUE_COLUMN, oneRow } from "./one-row.js";
import type { RootPlan } from "./root-plan.js";
import { NotPlannable, type Selected } from "./selection.js";
import { shipmentPage } from "./shipment-page.js";

/** One root field of the operation. */
export function rootPlan(c: Compiling, query: GraphQLObjectType, selected: Selected): RootPlan {
  if (selected.name === "__typename") return { key: selected.key, finish: () => query.name };
  const field = query.getFields()[selected.name];
  if (!field) throw new NotPlannable(selected.name);
  const column = BY_UNIQUE_COLUMN.get(field.name);
  if (column) return oneRow(c, field, selected, column);
  if (field.name === "shipments") return shipmentPage(c, field, selected);
  throw new NotPlannable(`Query.${field.name}`);
}
