/**
 * The SQL of the ingestion core, by hand: ingestion is the write hot path, and each Prisma call costs
 * ~1.3 ms of CPU against ~0.1 ms for the same statement through node-postgres (see the benchmark in
 * the README). One transaction per request, a constant number of statements whatever its size.
 */
import type pg from "pg";
import { instant, integer, nullable, oneOf, records, rowOf, text, type RowReader } from "../db/rows.js";
import { execute, join, query, sql } from "../db/sql.js";
import { StatusCode, TrackingStatus, VerificationStatus, type TrackingSource } from "../generated/prisma/enums.js";
import type { CommittedChange } from "./messages.js";

export interface LockedShipment {
  version: number;
  statusCode: StatusCode;
  trackingStatus: TrackingStatus | null;
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

const trackingStatus = oneOf("TrackingStatus", TrackingStatus);

const readLocked: RowReader<LockedShipment> = rowOf({
  version: integer,
  statusCode: oneOf("StatusCode", StatusCode),
  trackingStatus: nullable(trackingStatus),
  expectedDelivery: nullable(instant),
  verificationStatus: oneOf("VerificationStatus", VerificationStatus),
  cartons: records({
    id: text,
    trackingNumber: nullable(text),
    shipmentCarrier: nullable(text),
    trackingStatus: nullable(trackingStatus),
    trackingSubstatus: nullable(text),
    trackingURL: nullable(text),
  }),
});
const readId = rowOf({ id: text });
const readHistory = rowOf({ cartonId: text, status: trackingStatus, substatus: text });
const readSequence = rowOf({ sequence: integer });

/** Statements of one ingestion, on one connection inside one transaction. */
export class TrackingStore {
  constructor(private readonly client: pg.ClientBase) {}

  /**
   * Locks the shipment row and reads it with its cartons. The lock serializes writers of one
   * shipment: versions stay gapless and status derivation always sees every committed event.
   */
  async lockShipment(tenantId: string, shipmentId: string): Promise<LockedShipment | undefined> {
    const [locked] = await query(
      this.client,
      sql`/* lockShipment */ SELECT s.version, s."statusCode", s."trackingStatus", s."expectedDelivery", s."verificationStatus",
              COALESCE((SELECT json_agg(json_build_object('id', c.id, 'trackingNumber', c."trackingNumber",
                 'shipmentCarrier', c."shipmentCarrier", 'trackingStatus', c."trackingStatus",
                 'trackingSubstatus', c."trackingSubstatus", 'trackingURL', c."trackingURL") ORDER BY c.position)
               FROM "Carton" c WHERE c."shipmentId" = s.id), '[]') AS cartons
       FROM "Shipment" s WHERE s.id = ${shipmentId} AND s."tenantId" = ${tenantId} FOR UPDATE OF s`,
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

  /** Inserts the events that are new under the (tenant, carrier, dedupeKey) key; returns their ids. */
  async insertEvents(tenantId: string, shipmentId: string, source: TrackingSource, version: number, events: EventRow[]): Promise<Set<string>> {
    const column = <K extends keyof EventRow>(key: K) => events.map((e) => e[key]);
    const rows = await query(
      this.client,
      sql`/* insertEvents */ INSERT INTO "TrackingEvent" (id, "tenantId", "shipmentId", "cartonId", carrier, "dedupeKey", "eventId", event,
          "eventRecordedAt", "localTime", location, "notesDescription", "shipmentCarrier", "carrierStatusCode",
          status, substatus, source, "shipmentVersion")
       SELECT id, ${tenantId}, ${shipmentId}, "cartonId", carrier, "dedupeKey", "eventId", event, "eventRecordedAt", "localTime", location,
          "notesDescription", "shipmentCarrier", "carrierStatusCode", status::"TrackingStatus", substatus, ${source}::"TrackingSource", ${version}
       FROM unnest(${column("id")}::text[], ${column("cartonId")}::text[], ${column("carrier")}::text[], ${column("dedupeKey")}::text[],
          ${column("eventId")}::text[], ${column("event")}::text[], ${column("eventRecordedAt")}::timestamptz[], ${column("localTime")}::text[],
          ${column("location")}::text[], ${column("notesDescription")}::text[], ${column("shipmentCarrier")}::text[],
          ${column("carrierStatusCode")}::text[], ${column("status")}::text[], ${column("substatus")}::text[])
         AS e(id, "cartonId", carrier, "dedupeKey", "eventId", event, "eventRecordedAt", "localTime", location,
          "notesDescription", "shipmentCarrier", "carrierStatusCode", status, substatus)
       ON CONFLICT ("tenantId", carrier, "dedupeKey") DO NOTHING
       RETURNING id`,
      readId,
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Every event of these cartons in the order they happened (`eventRecordedAt`, not arrival), for status derivation; ties
   * by identity in code-point order, as `byChronology` orders them in memory.
   */
  async history(cartonIds: string[]): Promise<CartonHistory> {
    return query(
      this.client,
      sql`/* cartonHistory */ SELECT "cartonId", status, substatus FROM "TrackingEvent"
       WHERE "cartonId" = ANY(${cartonIds}::text[]) ORDER BY "eventRecordedAt", "dedupeKey" COLLATE "C"`,
      readHistory,
    );
  }

  async updateCartons(changes: CartonChange[]) {
    await execute(
      this.client,
      sql`/* updateCartons */ UPDATE "Carton" c SET "trackingStatus" = u.status::"TrackingStatus", "trackingSubstatus" = u.substatus,
              "trackingURL" = COALESCE(u.url, c."trackingURL")
       FROM unnest(${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.trackingStatus)}::text[], ${changes.map((c) => c.trackingSubstatus)}::text[],
          ${changes.map((c) => c.trackingURL)}::text[]) AS u(id, status, substatus, url) WHERE c.id = u.id`,
    );
  }

  async updateShipment(shipmentId: string, change: ShipmentChange) {
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
    await execute(this.client, sql`/* updateShipment */ UPDATE "Shipment" SET ${join(sets, ", ")} WHERE id = ${shipmentId}`);
  }

  async insertAudit(shipmentId: string, a: AuditEntry) {
    await execute(
      this.client,
      sql`/* insertTrackingAudit */ INSERT INTO "AuditLog" (id, "shipmentId", "auditId", "auditType", source, note, "updatedFields", version,
          "trackingSource", "previousStatusCode", "statusCode", "previousTrackingStatus", "trackingStatus")
       VALUES (${a.id}, ${shipmentId}, ${a.auditId}, 'TRACKING_UPDATE', ${a.source}::text, ${a.note}, ${JSON.stringify(a.updatedFields)}::jsonb, ${a.version},
          ${a.source}::"TrackingSource", ${a.previousStatusCode}::"StatusCode", ${a.statusCode}::"StatusCode",
          ${a.previousTrackingStatus}::"TrackingStatus", ${a.trackingStatus}::"TrackingStatus")`,
    );
  }

  /**
   * Appends a change to the tenant's delivery log under the tenant's next sequence number. The counter
   * row stays locked until commit, so take it last: it serializes the tenant's writers for as short a
   * time as possible.
   */
  async appendToDeliveryLog(change: CommittedChange): Promise<number> {
    const [appended] = await query(
      this.client,
      sql`/* appendToDeliveryLog */ WITH next AS (
         INSERT INTO "TrackingSequence" ("tenantId", last) VALUES (${change.tenantId}, 1)
         ON CONFLICT ("tenantId") DO UPDATE SET last = "TrackingSequence".last + 1
         RETURNING last)
       INSERT INTO "TrackingUpdateLog" ("tenantId", sequence, "shipmentId", version, source, "previousStatus", status, "eventIds", "trackingNumbers")
       SELECT ${change.tenantId}, last, ${change.shipmentId}, ${change.version}, ${change.source}::"TrackingSource",
          ${change.previousStatus}::"TrackingStatus", ${change.status}::"TrackingStatus", ${change.eventIds}::text[], ${change.trackingNumbers}::text[]
       FROM next
       RETURNING sequence`,
      readSequence,
    );
    return appended!.sequence;
  }
}
