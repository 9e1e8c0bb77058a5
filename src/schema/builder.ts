/**
 * The Pothos builder: the context and scalar typings, and the Prisma and Relay plugins' settings.
 * The scalars' implementations and every type live one per file next to this one.
 */
import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import type { Context } from "../context.js";
import { Prisma } from "../generated/prisma/client.js";
import PrismaTypes, { getDatamodel } from "../generated/pothos-types.js";
import { decodePublicId } from "./ids.js";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Decimal: { Input: Prisma.Decimal; Output: Prisma.Decimal | number | string };
  };
}>({
  plugins: [PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    // Every relation the selection needs is folded into the parent query (no N+1).
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    exposeDescriptions: false,
  },
  relay: {
    // Our Stripe-style ids (ship_…, ctn_…) are already globally unique; they are the Relay ids.
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (globalID) => decodePublicId(globalID),
    clientMutationId: "omit",
    cursorType: "String",
    nodesOnConnection: true,
    nodeQueryOptions: {
      description: "The object with this id (`ship_…`, `ctn_…`, `itm_…`, `evt_…`), or null when you have none with it. BAD_USER_INPUT for a string that is no id of this API.",
    },
    nodesQueryOptions: {
      description: "The objects with these ids, in order, with null for each id you have no object for. BAD_USER_INPUT for a string that is no id of this API.",
    },
  },
});

builder.queryType({});
builder.mutationType({});
