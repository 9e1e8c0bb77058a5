/**
 * A delivery-log row ("TrackingUpdateLog") as hand-written SQL reads it: the columns to select and
 * their checks, shared by the relay (which publishes the rows) and webhook fan-out (which delivers them).
 */
import { trackingSource, trackingStatus } from "../db/enum-columns.js";
import { integer, nullable, text, texts } from "../db/rows.js";
import { sql } from "../db/sql.js";

/** The columns of a published update (TrackingUpdateMessage). */
export const LOG_COLUMNS = sql`"tenantId", sequence, "shipmentId", version, source, "previousStatus", status, "eventIds", "trackingNumbers"`;
export const LOGGED_UPDATE = {
  tenantId: text,
  sequence: integer,
  shipmentId: text,
  version: integer,
  source: trackingSource,
  previousStatus: nullable(trackingStatus),
  status: nullable(trackingStatus),
  eventIds: texts,
  trackingNumbers: texts,
};
