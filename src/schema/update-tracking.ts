/** Mutation.updateTracking: fabric's `POST /v3/shipments/actions/update-tracking` as GraphQL. */
import { Kind, type GraphQLResolveInfo } from "graphql";
import type pg from "pg";
import { integer, nullable, oneOf, rowOf, text } from "../db/rows.js";
import { query as readRows, sql } from "../db/sql.js";
import type { Prisma } from "../generated/prisma/client.js";
import { StatusCode, TrackingStatus } from "../generated/prisma/enums.js";
import { NotFoundError } from "../errors.js";
import { LIST_LENGTH, STRING_LENGTH } from "../input-limits.js";
import { validateEvents } from "../tracking/ingest.js";
import { builder } from "./builder.js";
import { TrackingEventInput } from "./create-shipment.js";
import { INPUT_LIMITS_IN_WORDS } from "./input-bounds.js";
import { Shipment } from "./shipment.js";
import { chronological, TrackingEvent } from "./tracking-event.js";

interface UpdateTrackingResult {
  shipmentIds: string[];
  appliedEventIds: string[];
  duplicateEventIds: string[];
}

/** The write path's one lookup by number, as plain SQL: a carrier push is hot, and Prisma's planning is most of its cost. */
async function shipmentIdOf(pool: pg.Pool, tenantId: string, shipmentNumber: string): Promise<{ id: string } | undefined> {
  const [found] = await readRows(
    pool,
    sql`/* shipmentIdByNumber */ SELECT id FROM "Shipment" WHERE "tenantId" = ${tenantId} AND "shipmentNumber" = ${shipmentNumber}`,
    readId,
  );
  return found;
}

const readId = rowOf({ id: text });
const readState = rowOf({
  id: text,
  version: integer,
  shipmentNumber: nullable(text),
  statusCode: oneOf("StatusCode", StatusCode),
  trackingStatus: nullable(oneOf("TrackingStatus", TrackingStatus)),
  trackingSubstatus: nullable(text),
});

/** Shipment fields that read a column of the row as it is: what a carrier asks back after a push. */
const STATE_COLUMNS = new Set(["__typename", "id", "version", "shipmentNumber", "statusCode", "trackingStatus", "trackingSubstatus"]);

/**
 * Whether the payload's `shipments` asks only for STATE_COLUMNS (no fragments, no directives), so
 * a plain SQL read answers it exactly; any other selection goes through Prisma as planned.
 */
function selectsOnlyStateColumns(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) => selection.kind === Kind.FIELD && !selection.directives?.length && STATE_COLUMNS.has(selection.name.value),
    ),
  );
}

const UpdateTrackingInput = builder.inputType("UpdateTrackingInput", {
  description: `fabric's update-tracking request: new events for one carton of a shipment. ${INPUT_LIMITS_IN_WORDS}`,
  fields: (t) => ({
    shipmentNumber: t.string({ required: true, description: "Merchant-defined shipment number." }),
    trackingNumber: t.string({ required: true, description: "Tracking number of the carton the events belong to." }),
    tracking: t.field({
      type: [TrackingEventInput],
      required: true,
      description: `The events, in any order; re-sent events are ignored. At most ${LIST_LENGTH["UpdateTrackingInput.tracking"]}.`,
    }),
    trackingURL: t.string({ description: `Carrier page tracking this carton; at most ${STRING_LENGTH.url} characters.` }),
    expectedVersion: t.int({ description: "Apply only if the shipment is still at this version (else CONFLICT with currentVersion)." }),
  }),
});

const UpdateTrackingPayload = builder.objectRef<UpdateTrackingResult>("UpdateTrackingPayload").implement({
  description: "The outcome of updateTracking.",
  fields: (t) => ({
    shipments: t.prismaField({
      type: [Shipment],
      description: "The updated shipment documents (fabric's response body).",
      resolve: async (query, result, _args, ctx, info) => {
        if (!selectsOnlyStateColumns(info)) return ctx.db.shipment.findMany({ ...query, where: { id: { in: result.shipmentIds } } });
        // The columns every field of such a selection reads; Pothos needs no other, so the partial row
        // stands in for the whole.
        const rows = await readRows(
          ctx.pool,
          sql`/* updatedShipmentState */ SELECT id, version, "shipmentNumber", "statusCode", "trackingStatus", "trackingSubstatus" FROM "Shipment" WHERE id = ANY(${result.shipmentIds})`,
          readState,
        );
        return rows as Prisma.ShipmentGetPayload<object>[];
      },
    }),
    appliedEvents: t.prismaField({
      type: [TrackingEvent],
      description: "Events stored by this request, oldest first.",
      resolve: (query, result, _args, ctx) =>
        ctx.db.trackingEvent.findMany({ ...query, where: { id: { in: result.appliedEventIds } }, orderBy: chronological }),
    }),
    duplicateEventIds: t.exposeStringList("duplicateEventIds", {
      description: "Event ids that were already known and so ignored (a content key `sha256:…` for events sent without an id).",
    }),
  }),
});

builder.mutationField("updateTracking", (t) =>
  t.field({
    type: UpdateTrackingPayload,
    description:
      "Adds carrier tracking events to a carton. Idempotent per event; bumps the shipment version once when anything new applied, and notifies trackingUpdated subscribers.",
    args: { input: t.arg({ type: UpdateTrackingInput, required: true, description: "The carton and its new events." }) },
    resolve: async (_root, { input }, ctx) => {
      const cartons = [
        {
          trackingNumber: input.trackingNumber,
          trackingURL: input.trackingURL,
          events: input.tracking.map(({ notes, ...e }) => ({ ...e, notesDescription: notes?.description })),
        },
      ];
      validateEvents(cartons, { carton: () => "input", events: "tracking" });
      const shipment = await shipmentIdOf(ctx.pool, ctx.viewer.tenantId, input.shipmentNumber);
      if (!shipment) throw new NotFoundError();
      const result = await ctx.tracking.ingest({
        tenantId: ctx.viewer.tenantId,
        shipmentId: shipment.id,
        source: "PUSH",
        cartons,
        expectedVersion: input.expectedVersion,
      });
      return { shipmentIds: [shipment.id], appliedEventIds: result.appliedEventIds, duplicateEventIds: result.duplicateEventIds };
    },
  }),
);
