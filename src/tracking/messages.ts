import type { TrackingSource, TrackingStatus } from "../generated/prisma/enums.js";

/**
 * What is published after a tracking change commits: ids and versions, never whole documents, so
 * the message stays small on Redis and every subscriber reloads what its own selection needs.
 */
export interface TrackingUpdateMessage {
  tenantId: string;
  shipmentId: string;
  version: number;
  source: TrackingSource;
  previousStatus: TrackingStatus | null;
  status: TrackingStatus | null;
  /** Events this change stored (`evt_…`). */
  eventIds: string[];
  /** Tracking numbers of the cartons this change touched. */
  trackingNumbers: string[];
}

export interface TrackingPublisher {
  publish(update: TrackingUpdateMessage): Promise<void> | void;
}
