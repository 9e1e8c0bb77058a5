/**
 * The body of a delivery: a Standard Webhooks envelope `{ type, timestamp, data }` whose data is
 * what a trackingUpdated subscriber gets — the shipment, its version, the tenant-wide sequence,
 * source, statuses and the events applied — written out in full, since a receiver cannot select.
 */
import type pg from "pg";
import type { TrackingUpdateMessage } from "../tracking/messages.js";
import type { WebhookEventType } from "./event-types.js";

export interface LoggedChange extends TrackingUpdateMessage {
  committedAt: Date;
}

/** One query for the events of many changes, one for their shipments' numbers. */
export async function payloadsFor(client: pg.ClientBase, changes: LoggedChange[]) {
  const { rows: events } = await client.query(
    `/* webhookPayloadEvents */ SELECT e.id, e."eventId", e.event, e."eventRecordedAt", e."localTime", e.location,
            e."notesDescription", e."shipmentCarrier", e."carrierStatusCode", e.status, e.substatus, c."trackingNumber"
     FROM "TrackingEvent" e JOIN "Carton" c ON c.id = e."cartonId"
     WHERE e.id = ANY($1::text[]) ORDER BY e."eventRecordedAt", e."dedupeKey" COLLATE "C"`,
    [changes.flatMap((change) => change.eventIds)],
  );
  const { rows: shipments } = await client.query<{ id: string; shipmentNumber: string | null }>(
    `/* webhookPayloadShipments */ SELECT id, "shipmentNumber" FROM "Shipment" WHERE id = ANY($1::text[])`,
    [[...new Set(changes.map((change) => change.shipmentId))]],
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
          .map(({ notesDescription, ...event }) => ({ ...event, notes: notesDescription == null ? null : { description: notesDescription } })),
      },
    });
}
