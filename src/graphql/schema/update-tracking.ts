/** Mutation.updateTracking: fabric's `POST /v3/shipments/actions/update-tracking` as GraphQL. */
import { Kind, type GraphQLResolveInfo } from "graphql";
import type { Prisma } from "../../generated/prisma/client.js";
import { LIST_LENGTH, STRING_LENGTH } from "../../input-limits.js";
import { validateEvents, type IngestResult } from "../../tracking/ingest.js";
import { builder } from "./builder.js";
import { TrackingEventInput } from "./create-shipment.js";
import { INPUT_LIMITS_IN_WORDS } from "./input-bounds.js";
import { Shipment } from "./shipment.js";
import { chronological, TrackingEvent } from "./tracking-event.js";

/** The ingestion's answer, as a payload resolves it. */
type UpdateTrackingResult = Pick<IngestResult, "shipment" | "appliedEvents" | "duplicateEventIds">;

/** Shipment fields that read a column of the row as it is: what a carrier asks back after a push, and what the ingestion answers. */
const SHIPMENT_STATE_FIELDS = new Set([
  "__typename",
  "id",
  "version",
  "shipmentNumber",
  "statusCode",
  "trackingStatus",
  "trackingSubstatus",
]);
/**
 * TrackingEvent fields that read a column the ingestion wrote from the request (`receivedAt` is the
 * database's clock, `trackingNumber` a join).
 */
const WRITTEN_EVENT_FIELDS = new Set([
  "__typename",
  "id",
  "eventId",
  "event",
  "eventRecordedAt",
  "localTime",
  "location",
  "notes",
  "shipmentCarrier",
  "carrierStatusCode",
  "status",
  "substatus",
  "source",
]);

/**
 * Whether the field's selection asks only for `fields` (no fragments, no directives), so the rows the
 * ingestion holds answer it exactly; any other selection goes through Prisma as planned.
 */
function selectsOnly(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) => selection.kind === Kind.FIELD && !selection.directives?.length && fields.has(selection.name.value),
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
      resolve: (query, result, _args, ctx, info) =>
        // The columns every field of such a selection reads; Pothos needs no other, so the partial
        // row stands in for the whole.
        selectsOnly(info, SHIPMENT_STATE_FIELDS)
          ? [result.shipment as Prisma.ShipmentGetPayload<object>]
          : ctx.db.shipment.findMany({ ...query, where: { id: result.shipment.id } }),
    }),
    appliedEvents: t.prismaField({
      type: [TrackingEvent],
      description: "Events stored by this request, oldest first.",
      resolve: (query, result, _args, ctx, info) =>
        // The rows as inserted, already in chronological order; a push's events are all PUSH.
        selectsOnly(info, WRITTEN_EVENT_FIELDS)
          ? result.appliedEvents.map((e) => ({ ...e, source: "PUSH" }) as Prisma.TrackingEventGetPayload<object>)
          : ctx.db.trackingEvent.findMany({
              ...query,
              where: { id: { in: result.appliedEvents.map((e) => e.id) } },
              orderBy: chronological,
            }),
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
      return ctx.tracking.ingest({
        tenantId: ctx.viewer.tenantId,
        shipmentNumber: input.shipmentNumber,
        source: "PUSH",
        cartons,
        expectedVersion: input.expectedVersion,
      });
    },
  }),
);
