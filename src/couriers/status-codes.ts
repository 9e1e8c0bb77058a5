/**
 * Turning a vendor's status code plus its event text into our canonical status. Each connector owns a
 * crosswalk from its vendor's documented codes to AfterShip's substatuses; the words are the fallback
 * and, where they agree with the code, the source of a more specific substatus.
 */
import { bySubstatus, normalizeEventWords, type NormalizedStatus, type Substatus } from "../tracking/status.js";
import type { CourierEvent } from "./adapter.js";

/** A vendor's status codes mapped onto AfterShip's substatuses. */
export type StatusCodeTable = Readonly<Record<string, Substatus>>;

// Codes that only say "moving" or "something is wrong"; couriers file out-for-delivery scans, failed
// attempts and customs clearance under them (UPS type I / X), so recognisable words say more.
const GENERIC_SUBSTATUSES = new Set<string>(["in_transit_001", "exception_001"]);
// Words about the label or the shipper's data never override a code: a courier that files an event
// under "moving" or "problem" has the parcel ("Shipment information sent to USPS" is a hand-over).
const PRE_TRANSIT = new Set<string>(["PENDING", "INFO_RECEIVED"]);

/**
 * The status of one event: the vendor's code decides the status; the text refines a code's default
 * substatus when it names the same status ("Delivered, signed for by …" → `delivered_003`),
 * overrides a generic code when it is recognisable, and decides alone when the code is missing or unknown.
 */
export function classify(table: StatusCodeTable, code: string | null | undefined, text: string): NormalizedStatus {
  const words = normalizeEventWords(text);
  const substatus = code ? table[code] : undefined;
  if (!substatus) return words;
  const coded = bySubstatus(substatus);
  if (words.status === coded.status) return coded.substatus.endsWith("_001") ? words : coded;
  const wordsRecognised = !GENERIC_SUBSTATUSES.has(words.substatus) && !PRE_TRANSIT.has(words.status);
  return GENERIC_SUBSTATUSES.has(coded.substatus) && wordsRecognised ? words : coded;
}

/** The status of the most recent event, for couriers that report no overall status; null without events. */
export function latestStatus(events: readonly CourierEvent[]): NormalizedStatus | null {
  const latest = events.reduce<CourierEvent | null>(
    (newest, e) => (!newest || e.eventRecordedAt > newest.eventRecordedAt ? e : newest),
    null,
  );
  return latest && { status: latest.status, substatus: latest.substatus };
}
