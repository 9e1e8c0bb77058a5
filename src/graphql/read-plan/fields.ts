/**
 * Which GraphQL field of a Prisma-backed object type is which column or relation, read from the
 * built schema's Pothos metadata and the Prisma datamodel, never from a list of our own. A field
 * the metadata does not prove to be a plain column or list relation is refused (the request then
 * takes the normal path): `TrackingEvent.notes`, `trackingNumber`, `publicTrackingUrl`, connections…
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from "graphql";
import * as prismaEnums from "../../generated/prisma/enums.js";
import { getDatamodel } from "../../generated/pothos-types.js";
import { builder } from "../schema/builder.js";
import { NotPlannable } from "./selection.js";

interface DmmfField {
  name: string;
  kind: "scalar" | "enum" | "object";
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  relationName?: string;
  relationFromFields?: string[];
}

/** The schema maps no model or field to another table or column name, so these names are the SQL ones. */
const models = getDatamodel().datamodel.models as unknown as Record<string, { fields: DmmfField[] }>;

/** How a column's value is written into the response JSON. */
export type ColumnKind = "json" | "dateTime" | "decimal" | "stringList";

export interface ColumnField {
  kind: "column";
  column: string;
  as: ColumnKind;
}

export interface RelationField {
  kind: "relation";
  /** The related model (its table) and the GraphQL type of its rows. */
  model: string;
  type: GraphQLObjectType;
  /** The child's column pointing at the parent's. */
  foreignKey: string;
  parentKey: string;
  /** The relation's Prisma query for these arguments, as plugin-prisma would fold it into the parent's. */
  query(args: Record<string, unknown>, context: object): unknown;
}

export type PlannedField = ColumnField | RelationField;

/** GraphQL scalar → the Prisma scalar types it may expose, and how the value is written. */
const SCALARS: Record<string, { prisma: string[]; as: ColumnKind }> = {
  String: { prisma: ["String"], as: "json" },
  ID: { prisma: ["String"], as: "json" },
  Int: { prisma: ["Int"], as: "json" },
  Boolean: { prisma: ["Boolean"], as: "json" },
  DateTime: { prisma: ["DateTime"], as: "dateTime" },
  Decimal: { prisma: ["Decimal"], as: "decimal" },
};

/** Relay ids: builder.ts makes a node's global id its row id unchanged. */
const nodeIdIsRowId = builder.options.relay?.encodeGlobalID?.("Shipment", "ship_x", {} as never) === "ship_x";

export function modelOf(type: GraphQLObjectType): string | undefined {
  const model = (type.extensions as { pothosPrismaModel?: unknown }).pothosPrismaModel;
  return typeof model === "string" && models[model] ? model : undefined;
}

/** A GraphQL enum the column's Prisma enum maps onto value for value, so the stored text is the output. */
function sameEnum(graphqlType: GraphQLOutputType, prismaType: string): boolean {
  const named = getNamedType(graphqlType);
  const prismaValues = (prismaEnums as Record<string, Record<string, string> | undefined>)[prismaType];
  if (!isEnumType(named) || !prismaValues) return false;
  const values = named.getValues();
  return Object.values(prismaValues).every((v) => values.some((g) => g.name === v && g.value === v));
}

function columnRule(field: GraphQLField<unknown, unknown>, column: DmmfField): ColumnField {
  const nullable = !isNonNullType(field.type);
  if (!nullable && !column.isRequired) throw new NotPlannable(`${field.name} may be null`);
  const inner = getNullableType(field.type);
  if (column.isList) {
    // A list of strings: Prisma never stores a NULL element, so `[String!]!` holds.
    if (!isListType(inner) || getNamedType(inner).name !== "String" || column.type !== "String") throw new NotPlannable(field.name);
    return { kind: "column", column: column.name, as: "stringList" };
  }
  if (isListType(inner)) throw new NotPlannable(field.name);
  if (column.kind === "enum") {
    if (!sameEnum(field.type, column.type)) throw new NotPlannable(`${field.name}: enum`);
    return { kind: "column", column: column.name, as: "json" };
  }
  const scalar = SCALARS[getNamedType(field.type).name];
  if (!scalar || !scalar.prisma.includes(column.type)) throw new NotPlannable(`${field.name}: ${column.type}`);
  return { kind: "column", column: column.name, as: scalar.as };
}

function relationRule(field: GraphQLField<unknown, unknown>, model: string): RelationField {
  const extensions = field.extensions as {
    pothosPrismaRelationField?: DmmfField;
    pothosPrismaSelect?: (args: object, context: object, nested: (query: unknown) => unknown) => { select?: Record<string, unknown> };
    /** Set only when the relation has a resolver of its own, which the planner cannot run. */
    pothosPrismaFallback?: unknown;
  };
  const relation = extensions.pothosPrismaRelationField;
  const select = extensions.pothosPrismaSelect;
  const type = getNamedType(field.type);
  if (!relation || typeof select !== "function" || extensions.pothosPrismaFallback) throw new NotPlannable(field.name);
  // Only list relations of the plain `[T!]!` shape; a connection of the same relation is another type.
  if (!relation.isList || !isObjectType(type) || modelOf(type) !== relation.type || String(field.type) !== `[${type.name}!]!`) {
    throw new NotPlannable(field.name);
  }
  const back = models[relation.type]!.fields.find(
    (f) => f.relationName === relation.relationName && f.type === model && f.relationFromFields?.length,
  );
  // The datamodel Pothos is given omits `references`; every relation of ours references the parent's id.
  const parentKey = models[model]!.fields.find((f) => f.isId);
  if (!back || back.relationFromFields!.length !== 1 || !parentKey) throw new NotPlannable(field.name);
  return {
    kind: "relation",
    model: relation.type,
    type,
    foreignKey: back.relationFromFields![0]!,
    parentKey: parentKey.name,
    query: (args, context) => {
      const nested = (query: unknown) => (typeof query === "function" ? query(args, context) : query);
      return select(args, context, nested).select?.[relation.name];
    },
  };
}

/** What `field` of `type` reads, or NotPlannable. */
export function plannedField(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): PlannedField {
  const model = modelOf(type);
  if (!model) throw new NotPlannable(type.name);
  const columns = models[model]!.fields;
  if (field.name === "id" && nodeIdIsRowId && type.getInterfaces().some((i) => i.name === "Node") && String(field.type) === "ID!") {
    const id = columns.find((c) => c.isId && c.name === "id");
    if (id) return { kind: "column", column: id.name, as: "json" };
  }
  const exposed = (field.extensions as { pothosExposedField?: unknown }).pothosExposedField;
  if (typeof exposed === "string") {
    const column = columns.find((c) => c.name === exposed && (c.kind === "scalar" || c.kind === "enum"));
    if (!column || field.args.length) throw new NotPlannable(`${type.name}.${field.name}`);
    return columnRule(field, column);
  }
  return relationRule(field, model);
}

/** A model's scalar and enum columns (what an `orderBy` may name). */
export function scalarColumns(model: string): Set<string> {
  return new Set(models[model]!.fields.filter((f) => f.kind !== "object").map((f) => f.name));
}
