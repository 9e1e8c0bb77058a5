/**
 * The SQL of the ingestion core, by hand: ingestion is the write hot path, and each Prisma call costs
 * ~1.3 ms of CPU against ~0.1 ms for the same statement through node-postgres (see the benchmark in
 * the README). One transaction per request, a constant number of statements whatever its size.
 */
import type pg from "pg";
import type { StatusCode, TrackingSource, TrackingStatus, VerificationStatus } from "../generated/prisma/enums.js";
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

const defined = <T>(value: T | undefined) => value !== undefined;

/** Statements of one ingestion, on one connection inside one transaction. */
export class TrackingStore {
  constructor(private readonly client: pg.PoolClient) {}

  /**
   * Locks the shipment row and reads it with its cartons. The lock serializes writers of one
   * shipment: versions stay gapless and status derivation always sees every committed event.
   */
  async lockShipment(tenantId: string, shipmentId: string): Promise<LockedShipment | undefined> {
    const { rows } = await this.client.query<LockedShipment>(
      `SELECT s.version, s."statusCode", s."trackingStatus", s."expectedDelivery", s."verificationStatus",
              COALESCE((SELECT json_agg(json_build_object('id', c.id, 'trackingNumber', c."trackingNumber",
                 'shipmentCarrier', c."shipmentCarrier", 'trackingStatus', c."trackingStatus",
                 'trackingSubstatus', c."trackingSubstatus", 'trackingURL', c."trackingURL") ORDER BY c.position)
               FROM "Carton" c WHERE c."shipmentId" = s.id), '[]') AS cartons
       FROM "Shipment" s WHERE s.id = $1 AND s."tenantId" = $2 FOR UPDATE OF s`,
      [shipmentId, tenantId],
    );
    return rows[0];
  }

  async addCartons(tenantId: string, shipmentId: string, cartons: { id: string; position: number; trackingNumber: string; shipmentCarrier: string | null }[]) {
    await this.client.query(
      `INSERT INTO "Carton" (id, "tenantId", "shipmentId", position, "trackingNumber", "shipmentCarrier")
       SELECT id, $1, $2, position, "trackingNumber", "shipmentCarrier"
       FROM unnest($3::text[], $4::int[], $5::text[], $6::text[]) AS c(id, position, "trackingNumber", "shipmentCarrier")`,
      [tenantId, shipmentId, cartons.map((c) => c.id), cartons.map((c) => c.position), cartons.map((c) => c.trackingNumber), cartons.map((c) => c.shipmentCarrier)],
    );
  }

  /** Inserts the events that are new under the (tenant, carrier, dedupeKey) key; returns their ids. */
  async insertEvents(tenantId: string, shipmentId: string, source: TrackingSource, version: number, events: EventRow[]): Promise<Set<string>> {
    const column = <K extends keyof EventRow>(key: K) => events.map((e) => e[key]);
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO "TrackingEvent" (id, "tenantId", "shipmentId", "cartonId", carrier, "dedupeKey", "eventId", event,
          "eventRecordedAt", "localTime", location, "notesDescription", "shipmentCarrier", "carrierStatusCode",
          status, substatus, source, "shipmentVersion")
       SELECT id, $1, $2, "cartonId", carrier, "dedupeKey", "eventId", event, "eventRecordedAt", "localTime", location,
          "notesDescription", "shipmentCarrier", "carrierStatusCode", status::"TrackingStatus", substatus, $3::"TrackingSource", $4
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[],
          $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
         AS e(id, "cartonId", carrier, "dedupeKey", "eventId", event, "eventRecordedAt", "localTime", location,
          "notesDescription", "shipmentCarrier", "carrierStatusCode", status, substatus)
       ON CONFLICT ("tenantId", carrier, "dedupeKey") DO NOTHING
       RETURNING id`,
      [
        tenantId, shipmentId, source, version,
        column("id"), column("cartonId"), column("carrier"), column("dedupeKey"), column("eventId"), column("event"),
        column("eventRecordedAt"), column("localTime"), column("location"), column("notesDescription"),
        column("shipmentCarrier"), column("carrierStatusCode"), column("status"), column("substatus"),
      ],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Every event of these cartons in the order they happened (`eventRecordedAt`, not arrival), for status derivation; ties
   * by identity in code-point order, as `byChronology` orders them in memory.
   */
  async history(cartonIds: string[]) {
    const { rows } = await this.client.query<{ cartonId: string; status: TrackingStatus; substatus: string }>(
      `SELECT "cartonId", status, substatus FROM "TrackingEvent"
       WHERE "cartonId" = ANY($1::text[]) ORDER BY "eventRecordedAt", "dedupeKey" COLLATE "C"`,
      [cartonIds],
    );
    return rows;
  }

  async updateCartons(changes: { id: string; trackingStatus: TrackingStatus | null; trackingSubstatus: string | null; trackingURL: string | null }[]) {
    await this.client.query(
      `UPDATE "Carton" c SET "trackingStatus" = u.status::"TrackingStatus", "trackingSubstatus" = u.substatus,
              "trackingURL" = COALESCE(u.url, c."trackingURL")
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, status, substatus, url) WHERE c.id = u.id`,
      [changes.map((c) => c.id), changes.map((c) => c.trackingStatus), changes.map((c) => c.trackingSubstatus), changes.map((c) => c.trackingURL)],
    );
  }

  async updateShipment(shipmentId: string, change: ShipmentChange) {
    await this.client.query(
      `UPDATE "Shipment" SET version = $2, "statusCode" = $3::"StatusCode", "trackingStatus" = $4::"TrackingStatus",
         "trackingSubstatus" = CASE WHEN $5 THEN $6 ELSE "trackingSubstatus" END,
         "expectedDelivery" = CASE WHEN $7 THEN $8::timestamptz ELSE "expectedDelivery" END,
         "verificationStatus" = COALESCE($9::"VerificationStatus", "verificationStatus"),
         "lastTrackedAt" = CASE WHEN $10 THEN now() ELSE "lastTrackedAt" END,
         "updatedAt" = now()
       WHERE id = $1`,
      [
        shipmentId, change.version, change.statusCode, change.trackingStatus,
        defined(change.trackingSubstatus), change.trackingSubstatus ?? null,
        defined(change.expectedDelivery), change.expectedDelivery ?? null,
        change.verificationStatus ?? null,
        change.tracked,
      ],
    );
  }

  async insertAudit(shipmentId: string, a: AuditEntry) {
    await this.client.query(
      `INSERT INTO "AuditLog" (id, "shipmentId", "auditId", "auditType", source, note, "updatedFields", version, "trackingSource",
          "previousStatusCode", "statusCode", "previousTrackingStatus", "trackingStatus")
       VALUES ($1, $2, $3, 'TRACKING_UPDATE', $4::text, $5, $6::jsonb, $7, $4::text::"TrackingSource", $8::"StatusCode", $9::"StatusCode",
          $10::"TrackingStatus", $11::"TrackingStatus")`,
      [a.id, shipmentId, a.auditId, a.source, a.note, JSON.stringify(a.updatedFields), a.version, a.previousStatusCode, a.statusCode, a.previousTrackingStatus, a.trackingStatus],
    );
  }

  /**
   * Appends a change to the tenant's delivery log under the tenant's next sequence number. The counter
   * row stays locked until commit, so take it last: it serializes the tenant's writers for as short a
   * time as possible.
   */
  async appendToDeliveryLog(change: CommittedChange): Promise<number> {
    const { rows } = await this.client.query<{ sequence: number }>(
      `WITH next AS (
         INSERT INTO "TrackingSequence" ("tenantId", last) VALUES ($1, 1)
         ON CONFLICT ("tenantId") DO UPDATE SET last = "TrackingSequence".last + 1
         RETURNING last)
       INSERT INTO "TrackingUpdateLog" ("tenantId", sequence, "shipmentId", version, source, "previousStatus", status, "eventIds", "trackingNumbers")
       SELECT $1, last, $2, $3, $4::"TrackingSource", $5::"TrackingStatus", $6::"TrackingStatus", $7::text[], $8::text[] FROM next
       RETURNING sequence`,
      [change.tenantId, change.shipmentId, change.version, change.source, change.previousStatus, change.status, change.eventIds, change.trackingNumbers],
    );
    return rows[0]!.sequence;
  }
}

/** Runs `work` in one transaction on one pooled connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (store: TrackingStore) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(new TrackingStore(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
