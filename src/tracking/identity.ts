import { hash } from "node:crypto";

export interface EventIdentityInput {
  trackingNumber: string;
  eventId?: string | null;
  event: string;
  eventRecordedAt: Date;
  location?: string | null;
}

/**
 * The carrier an event is deduplicated under: events are unique per (tenant, carrier, eventId),
 * and carriers spell themselves in many cases ("FEDEX", "FedEx").
 */
export function carrierKey(carrier: string | null | undefined): string {
  return (carrier ?? "").trim().toLowerCase() || "unknown";
}

/**
 * An event's identity within its carrier: the carrier's eventId, or else a hash of
 * what makes the scan itself, so a re-sent event without an id is still recognised.
 */
export function dedupeKey(e: EventIdentityInput): string {
  if (e.eventId) return `id:${e.eventId}`;
  const content = [
    e.trackingNumber,
    e.event.trim().toLowerCase(),
    e.eventRecordedAt.toISOString(),
    (e.location ?? "").trim().toLowerCase(),
  ];
  return `sha256:${hash("sha256", JSON.stringify(content), "hex")}`;
}

/**
 * The order events happened in (`eventRecordedAt`), not the order they arrived, so a late scan still
 * takes its place in history. Events at the same instant
 * are ordered by identity, so every arrival order derives the same status.
 */
export const chronological = [{ eventRecordedAt: "asc" as const }, { dedupeKey: "asc" as const }];

/** `chronological` for events in memory; identities compare by code point, as `COLLATE "C"` does in SQL. */
export function byChronology(a: { eventRecordedAt: Date; dedupeKey: string }, b: { eventRecordedAt: Date; dedupeKey: string }): number {
  return a.eventRecordedAt.getTime() - b.eventRecordedAt.getTime() || (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0);
}
