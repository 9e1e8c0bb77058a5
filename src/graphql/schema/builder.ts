/**
 * The Pothos builder: plugins and their options (among them the descriptions of the Relay types and
 * arguments the plugin makes) and the root types. Types live one per file next to this one.
 */
import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import type { Context } from "../../context.js";
import { EDGE_DEFAULTS } from "../../edge/settings.js";
import { DEFAULT_LIST_LENGTH, DEFAULT_PAGE_SIZE, PAGE_SIZE } from "../../input-limits.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type PrismaTypes from "../../generated/pothos-types.js";
import { getDatamodel } from "../../generated/pothos-types.js";
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
    nodesOnConnection: { description: "The page's objects, in order: `edges` without the cursors." },
    nodeTypeOptions: {
      description: "An object with a public id (`ship_…`, `ctn_…`, `itm_…`, `evt_…`) that `node` and `nodes` find again.",
    },
    idFieldOptions: { description: "Public id, unique across all types." },
    nodeQueryOptions: {
      description:
        "The object with this id (`ship_…`, `ctn_…`, `itm_…`, `evt_…`), or null when you have none with it. BAD_USER_INPUT for a string that is no id of this API.",
      args: { id: { description: "A public id, e.g. `ship_…`." } },
    },
    nodesQueryOptions: {
      description:
        "The objects with these ids, in order, with null for each id you have no object for. BAD_USER_INPUT for a string that is no id of this API.",
      args: { ids: { description: `Public ids, e.g. \`ship_…\`; at most ${DEFAULT_LIST_LENGTH}.` } },
    },
    defaultConnectionTypeOptions: { description: "One page of a list, with the cursors to page on from it." },
    defaultEdgeTypeOptions: { description: "One entry of a page: the object and its cursor." },
    pageInfoTypeOptions: { description: "Where a page sits in its list." },
    pageInfoFieldOptions: { description: "Where this page sits in the list, and the cursors at its ends." },
    edgesFieldOptions: { description: "The page's entries, in order, each with its cursor." },
    cursorFieldOptions: { description: "Opaque; pass it as `after` or `before` to page on from this entry." },
    nodeFieldOptions: { description: "The object." },
    hasNextPageFieldOptions: {
      description: "Whether entries follow this page (when paging forward with `first`; false when paging back with `last`).",
    },
    hasPreviousPageFieldOptions: {
      description: "Whether entries precede this page (when paging back with `last`; false when paging forward with `first`).",
    },
    startCursorFieldOptions: { description: "The first entry's cursor; null for an empty page." },
    endCursorFieldOptions: { description: "The last entry's cursor; null for an empty page." },
    firstArgOptions: {
      description: `Page forward: the first N entries (after \`after\`, if given). ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given, at most ${PAGE_SIZE}; not together with \`last\`. What is selected under the page counts N times toward the operation's cost.`,
    },
    lastArgOptions: {
      description: `Page back: the last N entries (before \`before\`, if given); at most ${PAGE_SIZE}, not together with \`first\`. What is selected under the page counts N times toward the operation's cost.`,
    },
    afterArgOptions: { description: "Start after the entry with this cursor (an `endCursor` or edge `cursor` of this same list)." },
    beforeArgOptions: { description: "End before the entry with this cursor (a `startCursor` or edge `cursor` of this same list)." },
  },
});

builder.queryType({
  description:
    "What a caller can read: only ever its own tenant's shipments. An operation costs one point per object it may return (scalars are free), " +
    `by default at most ${EDGE_DEFAULTS.maxOperationCost} per operation and ${EDGE_DEFAULTS.costBudget.points} per credential every ${EDGE_DEFAULTS.costBudget.durationSeconds} s.`,
});
builder.mutationType({ description: "What a caller can change: only ever its own tenant's shipments." });
