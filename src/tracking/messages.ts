import type { TrackingSource, TrackingStatus } from "../generated/prisma/enums.js";

/**
 * What is published after a tracking change commits: ids and versions, never whole documents, so
 * the message stays small on Redis and every subscriber reloads what its own selection needs.
 */
export interface TrackingUpdateMessage {
  tenantId: string;
  /**
   * The change's place in its tenant's delivery log: gap-free and in commit order, so a subscriber
   * that sees n + 2 after n knows it missed n + 1, and a client resumes after the last one it saw.
   */
  sequence: number;
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

/** Who hears an update: every subscriber of its tenant, and no one else. */
export interface TrackingTopic {
  tenantId: string;
}

/** The bus's name for a topic; an update names its own topic (it carries its tenant). */
export function topicOf({ tenantId }: TrackingTopic): string {
  return `trackingUpdated:${tenantId}`;
}

/** Hands committed updates to subscribers; the relay (relay.ts) is the one in use. */
export interface TrackingPublisher {
  publish(update: TrackingUpdateMessage): Promise<void> | void;
}

/** A change as the ingestion core writes it to the delivery log, before it has its sequence. */
export type CommittedChange = Omit<TrackingUpdateMessage, "sequence">;
