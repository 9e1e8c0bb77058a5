import type { GenericFieldRef } from "@pothos/core";
import { DEFAULT_PAGE_SIZE, PAGE_SIZE } from "../../input-limits.js";
import { chronological } from "../../tracking/identity.js";
import { builder } from "./builder.js";
import { TrackingSource, TrackingStatus } from "./enums.js";

export { chronological };

/**
 * `totalCount` of a `trackingEventsConnection`, declared again only to describe it: Prisma counts
 * the events in the page's own statement and the plugin leaves the number on the page.
 */
const countedEvents = (page: object) => (page as { totalCount: number }).totalCount;

/** `trackingEventsConnection` of Carton and Shipment: the same paging of their events, described for each. */
export function trackingEventsConnection(owner: "carton" | "shipment") {
  return [
    {
      description: `The ${owner}'s tracking events, oldest first, as a Relay connection (first/after, last/before; ${DEFAULT_PAGE_SIZE} per page by default, at most ${PAGE_SIZE}). \`trackingEvents\` stays the plain list.`,
      cursor: "id",
      maxSize: PAGE_SIZE,
      defaultSize: DEFAULT_PAGE_SIZE,
      totalCount: true,
      query: { orderBy: chronological },
    },
    {
      description: "A page of tracking events, oldest first.",
      fields: (c: { int: (options: { description: string; resolve: typeof countedEvents }) => GenericFieldRef<unknown> }) => ({
        totalCount: c.int({ description: "How many tracking events there are, across all pages.", resolve: countedEvents }),
      }),
    },
  ] as const;
}

interface NotesShape {
  description: string;
}

const TrackingNotes = builder.objectRef<NotesShape>("TrackingNotes").implement({
  description: "Free-text notes the carrier attached to an event.",
  fields: (t) => ({ description: t.exposeString("description", { description: "The notes." }) }),
});

export const TrackingEvent = builder.prismaNode("TrackingEvent", {
  select: { id: true },
  description: "One scan or status report from the carrier for a carton.",
  id: { field: "id", description: "Public id, `evt_…`." },
  // node(id) answers null for an id the caller has no such object for (Relay), not an error.
  nullable: true,
  findUnique: (id, ctx) => ({ id, tenantId: ctx.viewer.tenantId }),
  fields: (t) => ({
    eventId: t.exposeString("eventId", { nullable: true, description: "Event id provided by the carrier." }),
    event: t.exposeString("event", { description: 'The carrier\'s words for what happened, e.g. "picked up".' }),
    eventRecordedAt: t.expose("eventRecordedAt", { type: "DateTime", description: "When the event happened (UTC)." }),
    localTime: t.exposeString("localTime", {
      nullable: true,
      description: "The carrier's original local time string, kept when the carrier gave no UTC offset.",
    }),
    location: t.exposeString("location", { nullable: true, description: 'Where it happened, e.g. "Reno, NV".' }),
    notes: t.field({
      type: TrackingNotes,
      nullable: true,
      description: "Notes on the event.",
      select: { notesDescription: true },
      resolve: (e) => (e.notesDescription === null ? null : { description: e.notesDescription }),
    }),
    shipmentCarrier: t.exposeString("shipmentCarrier", { nullable: true, description: "Carrier as given, e.g. FEDEX." }),
    carrierStatusCode: t.exposeString("carrierStatusCode", {
      nullable: true,
      description: "The carrier's own status code, when it sent one.",
    }),
    status: t.expose("status", { type: TrackingStatus, description: "Canonical status this event means." }),
    substatus: t.exposeString("substatus", { description: "AfterShip-style substatus code in lower case, e.g. delivered_001." }),
    source: t.expose("source", { type: TrackingSource, description: "How the event reached us." }),
    receivedAt: t.expose("receivedAt", { type: "DateTime", description: "When the gateway stored it." }),
    trackingNumber: t.string({
      nullable: true,
      description: "Tracking number of the carton the event belongs to.",
      select: { carton: { select: { trackingNumber: true } } },
      resolve: (e) => e.carton.trackingNumber,
    }),
  }),
});
