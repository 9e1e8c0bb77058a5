/**
 * Reading carriers' timestamps under the time rule of `CourierEvent`: an offset or `Z` in the text,
 * or an offset the carrier sends beside it (UPS `gmtOffset`, USPS `GMTOffset`), gives the instant; a
 * bare local wall time is kept verbatim and read as UTC only for ordering.
 */

/** The two time fields of a `CourierEvent`. */
export interface CarrierTime {
  eventRecordedAt: Date;
  localTime?: string;
}

// ISO-like date-times as couriers send them: "2024-08-12T15:18:10-05:00", "2024-08-12T15:18:10 -0500"
// (FedEx's documented sample), "2023-10-26T12:08:00" (DHL, no offset), "2024-01-20" (a bare date).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// An offset on its own, as carriers send it beside a local time: "-05:00", "-0500", "+5:30", "-5".
const OFFSET = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;

/** "-5" or "-0500" as "-05:00"; null for anything that is not an offset. */
export function normalizeOffset(text: string | null | undefined): string | null {
  const match = text ? OFFSET.exec(text.trim()) : null;
  if (!match) return null;
  const [, sign, hours, minutes = "00"] = match;
  return Number(hours) > 14 || Number(minutes) > 59 ? null : `${sign}${hours!.padStart(2, "0")}:${minutes}`;
}

/**
 * Parses a carrier timestamp. With an offset or `Z` in the text, or an `offset` given beside it, it
 * is an exact instant; without one it is a local wall time: `localTime` keeps the text verbatim and
 * `eventRecordedAt` reads it as UTC. Returns null for text that is not a date.
 */
export function carrierTime(text: string, offset?: string | null): CarrierTime | null {
  const trimmed = text.trim();
  const match = DATE_TIME.exec(trimmed);
  if (!match) return null;
  const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "", zone] = match;
  const wall = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}`;
  const given = zone ? (zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`) : normalizeOffset(offset);
  if (given) return valid({ eventRecordedAt: new Date(wall + given) });
  return valid({ eventRecordedAt: new Date(`${wall}Z`), localTime: trimmed });
}

/** Parses a timestamp the carrier documents as UTC/GMT even when it omits the `Z`. */
export function utcTime(text: string): CarrierTime | null {
  return carrierTime(text, "+00:00");
}

/**
 * A carrier's delivery promise: an instant when the text or `offset` says which zone it is in;
 * otherwise only its calendar day (00:00 UTC by convention), because the hour of a local time without
 * a zone cannot be placed without inventing one.
 */
export function carrierDate(text: string | null | undefined, offset?: string | null): Date | null {
  const time = text ? carrierTime(text, offset) : null;
  if (!time) return null;
  return time.localTime === undefined ? time.eventRecordedAt : new Date(`${time.localTime.slice(0, 10)}T00:00:00Z`);
}

/** "20210210" + "071356" (UPS's split fields) as "2021-02-10T07:13:56"; time may lack its leading zero. */
export function joinCompactDateTime(date: string, time = "000000"): string {
  const t = time.padStart(6, "0");
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
}

function valid(time: CarrierTime): CarrierTime | null {
  return Number.isNaN(time.eventRecordedAt.getTime()) ? null : time;
}
