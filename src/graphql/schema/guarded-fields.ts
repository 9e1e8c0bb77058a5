/**
 * Wraps the built schema's resolvers once, so no resolver has to remember to:
 * - check its arguments against the input limits (BAD_USER_INPUT with every problem's path) before
 *   it runs, and so before anything is written;
 * - open the sealed `after` / `before` cursors a root list is given, and seal the cursors it hands out;
 * - turn Pothos' own argument complaints (e.g. `before` with `first`) into BAD_USER_INPUT.
 */
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { PothosValidationError } from "@pothos/core";
import type { Context } from "../../context.js";
import { ValidationError } from "../../errors.js";
import { openCursor, sealCursor } from "./cursors.js";
import { argumentProblems } from "./input-bounds.js";

type Resolver = GraphQLFieldResolver<unknown, Context>;

const CURSOR_ARGUMENTS = ["after", "before"];

function asValidationError(error: unknown, field: string): unknown {
  return error instanceof PothosValidationError ? new ValidationError([{ path: field, message: error.message }]) : error;
}

/**
 * A field's arguments follow from its field node and the operation's variables alone, so a field
 * resolved once per row (`Carton.trackingEvents(last: 10)` under every carton) is checked once per
 * operation: graphql-js coerces a fresh variables object for every execution, which keys the
 * field nodes whose arguments passed. Arguments that fail are checked, and reported, at every row
 * as before.
 */
function passedOnce() {
  const passed = new WeakMap<object, WeakSet<FieldNode>>();
  return {
    has: (info: GraphQLResolveInfo) => passed.get(info.variableValues)?.has(info.fieldNodes[0]!) === true,
    add(info: GraphQLResolveInfo) {
      const nodes = passed.get(info.variableValues) ?? passed.set(info.variableValues, new WeakSet()).get(info.variableValues)!;
      nodes.add(info.fieldNodes[0]!);
    },
  };
}

function guardArguments(typeName: string, field: GraphQLField<unknown, Context>, resolver: Resolver): Resolver {
  const name = `${typeName}.${field.name}`;
  const pagesCursors = typeName === "Query" && getNamedType(field.type).name.endsWith("Connection");
  const checked = passedOnce();
  return (source, args, ctx, info) => {
    if (!checked.has(info)) {
      const problems = argumentProblems(name, field.args, args);
      if (problems.length) throw new ValidationError(problems);
      checked.add(info);
    }
    let opened = args;
    if (pagesCursors) {
      opened = { ...args };
      for (const arg of CURSOR_ARGUMENTS) {
        if (typeof args[arg] === "string") opened[arg] = openCursor(ctx.cursorKey, ctx.viewer.tenantId, args[arg], arg);
      }
    }
    try {
      const result = resolver(source, opened, ctx, info);
      return result instanceof Promise ? result.catch((error) => Promise.reject(asValidationError(error, field.name))) : result;
    } catch (error) {
      throw asValidationError(error, field.name);
    }
  };
}

/** The response path of the connection a cursor field belongs to (`shipments` for `shipments.edges.0.cursor`). */
function connectionPath(typeName: string, path: GraphQLResolveInfo["path"]) {
  return typeName === "PageInfo" ? path.prev?.prev : path.prev?.prev?.prev;
}

/**
 * Root lists (`Query.shipments`) are where a cursor could name another tenant's row, so theirs are
 * sealed. A nested connection (`Shipment.trackingEventsConnection`) pages only within a parent that is
 * already the caller's, and plugin-prisma reads its cursor while loading the parent, before any
 * resolver of the field could open it, so its cursors stay plain.
 */
function sealing(typeName: string, resolver: Resolver): Resolver {
  return (source, args, ctx, info) => {
    if (connectionPath(typeName, info.path)?.prev !== undefined) return resolver(source, args, ctx, info);
    const seal = (cursor: unknown) => (typeof cursor === "string" ? sealCursor(ctx.cursorKey, ctx.viewer.tenantId, cursor) : cursor);
    const cursor = resolver(source, args, ctx, info);
    return cursor instanceof Promise ? cursor.then(seal) : seal(cursor);
  };
}

const handsOutCursor = (typeName: string, fieldName: string) =>
  (typeName.endsWith("Edge") && fieldName === "cursor") ||
  (typeName === "PageInfo" && (fieldName === "startCursor" || fieldName === "endCursor"));

export function guardFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, Context>[]) {
      if (handsOutCursor(type.name, field.name)) field.resolve = sealing(type.name, field.resolve ?? defaultFieldResolver);
      if (!field.args.length) continue;
      // A subscription's arguments are checked once, when it starts, not again for every event.
      if (field.subscribe) field.subscribe = guardArguments(type.name, field, field.subscribe);
      else field.resolve = guardArguments(type.name, field, field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}
