/**
 * The one table of input limits. Every string, list, decimal and instant a client sends is held to
 * these before anything is written, so no input can overflow a column, bloat an index, poison a
 * row that must be read back, or make a request outlast its transaction. The README's "Input limits"
 * lists the same numbers.
 */

/** Characters (UTF-16 code units) a string may have. */
export const STRING_LENGTH = {
  /** Identifiers, codes, numbers, names: everything not listed as text or a URL. */
  short: 255,
  /** Free text a person or a carrier wrote. */
  text: 1_000,
  url: 2_048,
} as const;

/** Input fields (`InputType.field`) that hold free text or a URL; every other string is `short`. */
export const STRING_KIND: Record<string, keyof typeof STRING_LENGTH> = {
  "TrackingEventInput.event": "text",
  "TrackingEventInput.location": "text",
  "TrackingNotesInput.description": "text",
  "AuditLogInput.note": "text",
  "FeeInput.reason": "text",
  "UpdatedFieldInput.fieldOriginalValue": "text",
  "CartonInput.trackingURL": "url",
  "UpdateTrackingInput.trackingURL": "url",
};

/** Entries a list may have: `InputType.field` for input fields, `Type.field.argument` for arguments. */
export const LIST_LENGTH: Record<string, number> = {
  "CreateShipmentInput.cartons": 100,
  "CartonInput.items": 100,
  "CartonInput.tracking": 500,
  "UpdateTrackingInput.tracking": 500,
};

/** Any other list. */
export const DEFAULT_LIST_LENGTH = 100;

/**
 * Input objects one request may carry in all (a carton, an item, a fee, an event each count one):
 * the bound on the rows a single createShipment writes in its one transaction (the largest takes
 * about 2 s on a loaded 2-core machine, far from any transaction or request timeout).
 */
export const INPUT_OBJECTS_PER_REQUEST = 1_000;

/** `first` / `last` of any list or connection. */
export const PAGE_SIZE = 100;

/** Entries on a connection's page when the request gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/** Decimal columns: digits in all and after the point. */
export interface DecimalPrecision {
  precision: number;
  scale: number;
}

/** Money and amounts, `Decimal(19, 4)`. */
export const DEFAULT_DECIMAL: DecimalPrecision = { precision: 19, scale: 4 };

/** Decimal input fields stored with another precision. */
export const DECIMAL_PRECISION: Record<string, DecimalPrecision> = {
  "ShipToAddressInput.latitude": { precision: 9, scale: 6 },
  "ShipToAddressInput.longitude": { precision: 9, scale: 6 },
};

/**
 * Instants are accepted from 1970-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z:
 * wide enough for any shipment, narrow enough that every stored instant reads back.
 */
export const INSTANT_WINDOW = { from: new Date("1970-01-01T00:00:00Z"), until: new Date("2100-01-01T00:00:00Z") } as const;

export function inInstantWindow(instant: Date): boolean {
  const time = instant.getTime();
  return time >= INSTANT_WINDOW.from.getTime() && time < INSTANT_WINDOW.until.getTime();
}
