/**
 * The body of a delivery: a Standard Webhooks envelope `{ type, timestamp, data }` whose data is
 * what a trackingUpdated subscriber gets — the shipment, its version, the tenant-wide sequence,
 * source, statuses and the events applied — written out in full, since a receiver cannot select.
 */
import { trackingStatus } from "../db/enum-columns.js";
import { instant, nullable, rowOf, text } from "../db/rows.js";
import { query, sql, type Queryable } from "../db/sql.js";
import type { TrackingUpdateMessage } from "../tracking/messages.js";
import type { WebhookEventType } from "./event-types.js";

export interface LoggedChange extends TrackingUpdateMessage {
  committedAt: Date;
}

const readEvent = rowOf({
  id: text,
  eventId: nullable(text),
  event: text,
  eventRecordedAt: instant,
  localTime: nullable(text),
  location: nullable(text),
  notesDescription: nullable(text),
  shipmentCarrier: nullable(text),
  carrierStatusCode: nullable(text),
  status: trackingStatus,
  substatus: text,
  trackingNumber: nullable(text),
});
const readShipmentNumber = rowOf({ id: text, shipmentNumber: nullable(text) });

/** One query for the events of many changes, one for their shipments' numbers. */
export async function payloadsFor(client: Queryable, changes: LoggedChange[]) {
  const events = await query(
    client,
    sql`/* webhookPayloadEvents */ SELECT e.id, e."eventId", e.event, e."eventRecordedAt", e."localTime", e.location,
            e."notesDescription", e."shipmentCarrier", e."carrierStatusCode", e.status, e.substatus, c."trackingNumber"
     FROM "TrackingEvent" e JOIN "Carton" c ON c.id = e."cartonId"
     WHERE e.id = ANY(${changes.flatMap((change) => change.eventIds)}::text[]) ORDER BY e."eventRecordedAt", e."dedupeKey" COLLATE "C"`,
    readEvent,
  );
  const shipments = await query(
    client,
    sql`/* webhookPayloadShipments */ SELECT id, "shipmentNumber" FROM "Shipment" WHERE id = ANY(${[...new Set(changes.map((change) => change.shipmentId))]}::text[])`,
    readShipmentNumber,
  );
  const numbers = new Map(shipments.map((shipment) => [shipment.id, shipment.shipmentNumber]));
  return (change: LoggedChange, type: WebhookEventType) =>
    JSON.stringify({
      type,
      timestamp: change.committedAt.toISOString(),
      data: {
        sequence: change.sequence,
        shipment: { id: change.shipmentId, shipmentNumber: numbers.get(change.shipmentId) ?? null },
        version: change.version,
        source: change.source,
        previousStatus: change.previousStatus,
        status: change.status,
        trackingNumbers: change.trackingNumbers,
        eventIds: change.eventIds,
        events: events
          .filter((event) => change.eventIds.includes(event.id))
          .map(({ notesDescription, ...event }) => ({
            ...event,
            notes: notesDescription == null ? null : { description: notesDescription },
          })),
      },
    });
}
