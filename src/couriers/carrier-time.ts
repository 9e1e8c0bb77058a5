/**
 * Reading carriers' timestamps under the time rule of DESIGN §6 (see `CourierEvent`): an offset or `Z`
 * gives the instant; a bare local wall time is kept verbatim and read as UTC only for ordering.
 */

/** The two time fields of a `CourierEvent`. */
export interface CarrierTime {
  eventRecordedAt: Date;
  localTime?: string;
}

// ISO-like date-times as couriers send them: "2024-08-12T15:18:10-05:00", "2024-08-12T15:18:10 -0500"
// (FedEx's documented sample), "2023-10-26T12:08:00" (DHL, no offset), "2024-01-20" (a bare date).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a carrier timestamp. With an offset or `Z` it is an exact instant; without one it is a local
 * wall time: `localTime` keeps the text verbatim and `eventRecordedAt` reads it as UTC.
 * Returns null for text that is not a date.
 */
export function carrierTime(text: string): CarrierTime | null {
  const trimmed = text.trim();
  const match = DATE_TIME.exec(trimmed);
  if (!match) return null;
  const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "", zone] = match;
  const wall = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}`;
  if (zone) {
    const offset = zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    return valid({ eventRecordedAt: new Date(wall + offset) });
  }
  return valid({ eventRecordedAt: new Date(wall + "Z"), localTime: trimmed });
}

/** Parses a timestamp the carrier documents as UTC/GMT even when it omits the `Z`. */
export function utcTime(text: string): CarrierTime | null {
  const parsed = carrierTime(text);
  return parsed && { eventRecordedAt: parsed.eventRecordedAt };
}

/** A carrier date (or date-time) as a `Date`, for expected delivery; local wall times read as UTC. */
export function carrierDate(text: string | null | undefined): Date | null {
  return text ? (carrierTime(text)?.eventRecordedAt ?? null) : null;
}

/** "20210210" + "071356" (UPS's split fields) as "2021-02-10T07:13:56"; time may lack its leading zero. */
export function joinCompactDateTime(date: string, time = "000000"): string {
  const t = time.padStart(6, "0");
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
}

function valid(time: CarrierTime): CarrierTime | null {
  return Number.isNaN(time.eventRecordedAt.getTime()) ? null : time;
}
