/**
 * A delivery-log row ("TrackingUpdateLog") as hand-written SQL reads it: the columns to select and
 * their checks, shared by the relay (which publishes the rows) and webhook fan-out (which delivers them).
 */
import { integer, nullable, oneOf, text, texts } from "../db/rows.js";
import { sql } from "../db/sql.js";
import { TrackingSource, TrackingStatus } from "../generated/prisma/enums.js";

const trackingStatus = nullable(oneOf("TrackingStatus", TrackingStatus));
/** The columns of a published update (TrackingUpdateMessage). */
export const LOG_COLUMNS = sql`"tenantId", sequence, "shipmentId", version, source, "previousStatus", status, "eventIds", "trackingNumbers"`;
export const LOGGED_UPDATE = {
  tenantId: text,
  sequence: integer,
  shipmentId: text,
  version: integer,
  source: oneOf("TrackingSource", TrackingSource),
  previousStatus: trackingStatus,
  status: trackingStatus,
  eventIds: texts,
  trackingNumbers: texts,
};
