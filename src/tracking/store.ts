/**
 * The SQL of the ingestion core, by hand: ingestion is the write hot path, and each Prisma call costs
 * ~1.3 ms of CPU against ~0.1 ms for the same statement through node-postgres (see the benchmark in
 * the README). One transaction per request, a constant number of statements whatever its size.
 */
import type pg from "pg";
import { statusCode, trackingStatus, verificationStatus } from "../db/enum-columns.js";
import { boolean, instant, integer, nullable, records, rowOf, text, type RowReader } from "../db/rows.js";
import { empty, execute, join, query, sql } from "../db/sql.js";
import type { StatusCode, TrackingStatus, VerificationStatus, TrackingSource } from "../generated/prisma/enums.js";
import type { CommittedChange } from "./messages.js";

/** The shipment's columns a carrier asks back after a push: what the ingestion answers, without a read. */
export interface ShipmentState {
  id: string;
  shipmentNumber: string | null;
  version: number;
  statusCode: StatusCode;
  trackingStatus: TrackingStatus | null;
  trackingSubstatus: string | null;
}

/** Which shipment: its id (courier syncs), or the tenant's shipment number (a carrier push). */
export type ShipmentKey = { shipmentId: string; shipmentNumber?: never } | { shipmentNumber: string; shipmentId?: never };

export interface LockedShipment extends ShipmentState {
  expectedDelivery: Date | null;
  verificationStatus: VerificationStatus;
  cartons: StoredCarton[];
}

export interface StoredCarton {
  id: string;
  trackingNumber: string | null;
  shipmentCarrier: string | null;
  trackingStatus: TrackingStatus | null;
  trackingSubstatus: string | null;
  trackingURL: string | null;
}

export interface EventRow {
  id: string;
  cartonId: string;
  carrier: string;
  dedupeKey: string;
  eventId: string | null;
  event: string;
  eventRecordedAt: Date;
  localTime: string | null;
  location: string | null;
  notesDescription: string | null;
  shipmentCarrier: string | null;
  carrierStatusCode: string | null;
  status: TrackingStatus;
  substatus: string;
}

export interface ShipmentChange {
  version: number;
  statusCode: StatusCode;
  trackingStatus: TrackingStatus | null;
  /** Unchanged when undefined. */
  trackingSubstatus?: string;
  expectedDelivery?: Date | null;
  verificationStatus?: VerificationStatus;
  /** A courier was asked (SYNC, POLL): stamps `lastTrackedAt`. */
  tracked: boolean;
}

export interface AuditEntry {
  id: string;
  auditId: string;
  source: TrackingSource;
  note: string;
  updatedFields: { fieldName: string; fieldOriginalValue: string }[];
  version: number;
  previousStatusCode: StatusCode;
  statusCode: StatusCode;
  previousTrackingStatus: TrackingStatus | null;
  trackingStatus: TrackingStatus | null;
}

export interface NewCarton {
  id: string;
  position: number;
  trackingNumber: string;
  shipmentCarrier: string | null;
}

export interface CartonChange {
  id: string;
  trackingStatus: TrackingStatus | null;
  trackingSubstatus: string | null;
  /** Unchanged when null. */
  trackingURL: string | null;
}

/** A carton's events in the order they happened, as status derivation reads them. */
export type CartonHistory = { cartonId: string; status: TrackingStatus; substatus: string }[];

/** What the insert kept, and the history of the cartons it added to. */
export interface InsertedEvents {
  insertedIds: Set<string>;
  /** Every event of the cartons with a new one, stored and inserted, in the order they happened. */
  history: CartonHistory;
}

const readLocked: RowReader<LockedShipment> = rowOf({
  id: text,
  shipmentNumber: nullable(text),
  version: integer,
  statusCode,
  trackingStatus: nullable(trackingStatus),
  trackingSubstatus: nullable(text),
  expectedDelivery: nullable(instant),
  verificationStatus,
  cartons: records({
    id: text,
    trackingNumber: nullable(text),
    shipmentCarrier: nullable(text),
    trackingStatus: nullable(trackingStatus),
    trackingSubstatus: nullable(text),
    trackingURL: nullable(text),
  }),
});
const readHistoryRow = rowOf({ id: text, inserted: boolean, cartonId: text, status: trackingStatus, substatus: text });
const readSequence = rowOf({ sequence: integer });

/** Statements of one ingestion, on one connection inside one transaction. */
export class TrackingStore {
  constructor(private readonly client: pg.ClientBase) {}

  /**
   * Locks the shipment row and reads it with its cartons. The lock serializes writers of one
   * shipment: versions stay gapless and status derivation always sees every committed event. Found by
   * id or, as a carrier push names it, by the tenant's shipment number: no lookup before the lock.
   */
  async lockShipment(tenantId: string, shipment: ShipmentKey): Promise<LockedShipment | undefined> {
    const which =
      shipment.shipmentId !== undefined ? sql`s.id = ${shipment.shipmentId}` : sql`s."shipmentNumber" = ${shipment.shipmentNumber}`;
    const [locked] = await query(
      this.client,
      sql`/* lockShipment */ SELECT s.id, s."shipmentNumber", s.version, s."statusCode", s."trackingStatus", s."trackingSubstatus",
              s."expectedDelivery", s."verificationStatus",
              COALESCE((SELECT json_agg(json_build_object('id', c.id, 'trackingNumber', c."trackingNumber",
                 'shipmentCarrier', c."shipmentCarrier", 'trackingStatus', c."trackingStatus",
                 'trackingSubstatus', c."trackingSubstatus", 'trackingURL', c."trackingURL") ORDER BY c.position)
               FROM "Carton" c WHERE c."shipmentId" = s.id), '[]') AS cartons
       FROM "Shipment" s WHERE ${which} AND s."tenantId" = ${tenantId} FOR UPDATE OF s`,
      readLocked,
    );
    return locked;
  }

  async addCartons(tenantId: string, shipmentId: string, cartons: NewCarton[]) {
    await execute(
      this.client,
      sql`/* addCartons */ INSERT INTO "Carton" (id, "tenantId", "shipmentId", position, "trackingNumber", "shipmentCarrier")
       SELECT id, ${tenantId}, ${shipmentId}, position, "trackingNumber", "shipmentCarrier"
       FROM unnest(${cartons.map((c) => c.id)}::text[], ${cartons.map((c) => c.position)}::int[], ${cartons.map((c) => c.trackingNumber)}::text[],
          ${cartons.map((c) => c.shipmentCarrier)}::text[]) AS c(id, position, "trackingNumber", "shipmentCarrier")`,
    );
  }

  /**
   * Inserts the events that are new under the (tenant, carrier, dedupeKey) key and, in the same
   * statement, reads the whole history of the cartons that got one, for status derivation: the
   * stored events (the statement's snapshot, which cannot see its own insert) and the inserted ones,
   * in the order they happened (`eventRecordedAt`, not arrival), ties by identity in code-point
   * order, as `byChronology` orders them in memory. The shipment's lock keeps other writers off these
   * cartons meanwhile. The offered rows' cartons are named as a list too: the planner then walks the
   * (cartonId, eventRecordedAt) index whatever it estimates the insert to return.
   */
  async insertEvents(
    tenantId: string,
    shipmentId: string,
    source: TrackingSource,
    version: number,
    events: EventRow[],
  ): Promise<InsertedEvents> {
    // The rows travel as one JSON document: node-postgres would otherwise build fourteen array
    // literals in JavaScript, which cost more than the rest of the statement on our side.
    const rows = await query(
      this.client,
      sql`/* insertEvents */ WITH inserted AS (
         INSERT INTO "TrackingEvent" (id, "tenantId", "shipmentId", "cartonId", carrier, "dedupeKey", "eventId", event,
          "eventRecordedAt", "localTime", location, "notesDescription", "shipmentCarrier", "carrierStatusCode",
          status, substatus, source, "shipmentVersion")
         SELECT id, ${tenantId}, ${shipmentId}, "cartonId", carrier, "dedupeKey", "eventId", event, "eventRecordedAt", "localTime", location,
          "notesDescription", "shipmentCarrier", "carrierStatusCode", status::"TrackingStatus", substatus, ${source}::"TrackingSource", ${version}
         FROM json_to_recordset(${JSON.stringify(events)}::json) AS e(id text, "cartonId" text, carrier text, "dedupeKey" text,
          "eventId" text, event text, "eventRecordedAt" timestamptz, "localTime" text, location text,
          "notesDescription" text, "shipmentCarrier" text, "carrierStatusCode" text, status text, substatus text)
         ON CONFLICT ("tenantId", carrier, "dedupeKey") DO NOTHING
         RETURNING id, "cartonId", status, substatus, "eventRecordedAt", "dedupeKey")
       SELECT id, inserted, "cartonId", status, substatus FROM (
         SELECT id, true AS inserted, "cartonId", status, substatus, "eventRecordedAt", "dedupeKey" FROM inserted
         UNION ALL
         SELECT id, false, "cartonId", status, substatus, "eventRecordedAt", "dedupeKey" FROM "TrackingEvent"
         WHERE "cartonId" = ANY(${[...new Set(events.map((e) => e.cartonId))]}::text[]) AND "cartonId" IN (SELECT "cartonId" FROM inserted)) AS history
       ORDER BY "eventRecordedAt", "dedupeKey" COLLATE "C"`,
      readHistoryRow,
    );
    return {
      insertedIds: new Set(rows.filter((r) => r.inserted).map((r) => r.id)),
      history: rows.map(({ cartonId, status, substatus }) => ({ cartonId, status, substatus })),
    };
  }

  /**
   * Writes a change in one statement: the carton and shipment updates, the audit entry and the
   * delivery-log append under the tenant's next sequence number, which it returns. The sub-statements
   * touch different tables, so running together changes none of their effects. The counter row stays
   * locked until commit and serializes the tenant's writers, so it is taken last: the sequence
   * upsert reads the other writes' RETURNING rows (one shipment, one audit entry, the cartons' count:
   * always one row), which makes PostgreSQL run them before it, and this is the transaction's last
   * statement.
   */
  async writeChange(shipmentId: string, change: WrittenChange): Promise<number> {
    const { cartons, shipment, audit, deliveryLog } = change;
    const [appended] = await query(
      this.client,
      sql`/* writeTrackingChange */ WITH ${cartons.length ? sql`cartons AS (${updateCartons(cartons)} RETURNING c.id), ` : empty}
       shipment AS (${updateShipment(shipmentId, shipment)} RETURNING id),
       audit AS (${insertAudit(shipmentId, audit)} RETURNING id),
       next AS (
         INSERT INTO "TrackingSequence" ("tenantId", last)
         SELECT ${deliveryLog.tenantId}, 1 FROM shipment, audit${cartons.length ? sql`, (SELECT count(*) FROM cartons) AS written` : empty}
         ON CONFLICT ("tenantId") DO UPDATE SET last = "TrackingSequence".last + 1
         RETURNING last)
       INSERT INTO "TrackingUpdateLog" ("tenantId", sequence, "shipmentId", version, source, "previousStatus", status, "eventIds", "trackingNumbers")
       SELECT ${deliveryLog.tenantId}, last, ${deliveryLog.shipmentId}, ${deliveryLog.version}, ${deliveryLog.source}::"TrackingSource",
          ${deliveryLog.previousStatus}::"TrackingStatus", ${deliveryLog.status}::"TrackingStatus", ${deliveryLog.eventIds}::text[], ${deliveryLog.trackingNumbers}::text[]
       FROM next
       RETURNING sequence`,
      readSequence,
    );
    return appended!.sequence;
  }
}

/** What writeChange writes, as the planner decided it. */
export interface WrittenChange {
  cartons: CartonChange[];
  shipment: ShipmentChange;
  audit: AuditEntry;
  deliveryLog: CommittedChange;
}

function updateCartons(changes: CartonChange[]) {
  return sql`UPDATE "Carton" c SET "trackingStatus" = u.status::"TrackingStatus", "trackingSubstatus" = u.substatus,
          "trackingURL" = COALESCE(u.url, c."trackingURL")
       FROM unnest(${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.trackingStatus)}::text[], ${changes.map((c) => c.trackingSubstatus)}::text[],
          ${changes.map((c) => c.trackingURL)}::text[]) AS u(id, status, substatus, url) WHERE c.id = u.id`;
}

function updateShipment(shipmentId: string, change: ShipmentChange) {
  // Only what changes is set; the rest of the row keeps its values.
  const sets = [
    sql`version = ${change.version}`,
    sql`"statusCode" = ${change.statusCode}::"StatusCode"`,
    sql`"trackingStatus" = ${change.trackingStatus}::"TrackingStatus"`,
    ...(change.trackingSubstatus !== undefined ? [sql`"trackingSubstatus" = ${change.trackingSubstatus}`] : []),
    ...(change.expectedDelivery !== undefined ? [sql`"expectedDelivery" = ${change.expectedDelivery}::timestamptz`] : []),
    ...(change.verificationStatus !== undefined ? [sql`"verificationStatus" = ${change.verificationStatus}::"VerificationStatus"`] : []),
    ...(change.tracked ? [sql`"lastTrackedAt" = now()`] : []),
    sql`"updatedAt" = now()`,
  ];
  return sql`UPDATE "Shipment" SET ${join(sets, ", ")} WHERE id = ${shipmentId}`;
}

function insertAudit(shipmentId: string, a: AuditEntry) {
  return sql`INSERT INTO "AuditLog" (id, "shipmentId", "auditId", "auditType", source, note, "updatedFields", version,
          "trackingSource", "previousStatusCode", "statusCode", "previousTrackingStatus", "trackingStatus")
       VALUES (${a.id}, ${shipmentId}, ${a.auditId}, 'TRACKING_UPDATE', ${a.source}::text, ${a.note}, ${JSON.stringify(a.updatedFields)}::jsonb, ${a.version},
          ${a.source}::"TrackingSource", ${a.previousStatusCode}::"StatusCode", ${a.statusCode}::"StatusCode",
          ${a.previousTrackingStatus}::"TrackingStatus", ${a.trackingStatus}::"TrackingStatus")`;
}
