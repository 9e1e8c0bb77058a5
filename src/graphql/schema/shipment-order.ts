/**
 * `ShipmentOrder`: the orders a list screen can sort `shipments` by, and keyset cursors for them.
 *
 * Every order ends with the id in the same direction, so it is total, and each has an index of the
 * same shape (tenantId, column, id). A cursor carries the row's sort key and id, so the next page is
 * a plain `WHERE (key, id) > (cursor)` inside the one statement that also loads the nested selection;
 * Prisma's own `cursor` would look the row up first and give up joining relations (one statement
 * per relation). NULL keys sort as the largest, as PostgreSQL does by default: last ascending, first
 * descending, so one index serves both directions.
 */
import { ValidationError } from "../../errors.js";
import type { Prisma } from "../../generated/prisma/client.js";
import * as enums from "../../generated/prisma/enums.js";
import { builder } from "./builder.js";

interface SortKey {
  column: "createdAt" | "updatedAt" | "expectedDelivery" | "trackingStatus" | "statusCode";
  nullable: boolean;
  /** For enum columns: their values in PostgreSQL's order (the order the enum declares them). */
  enumValues?: string[];
}

const SORT_KEYS = {
  CREATED_AT: { column: "createdAt", nullable: false },
  UPDATED_AT: { column: "updatedAt", nullable: false },
  EXPECTED_DELIVERY: { column: "expectedDelivery", nullable: true },
  TRACKING_STATUS: { column: "trackingStatus", nullable: true, enumValues: Object.values(enums.TrackingStatus) },
  STATUS_CODE: { column: "statusCode", nullable: false, enumValues: Object.values(enums.StatusCode) },
} satisfies Record<string, SortKey>;

type OrderField = keyof typeof SORT_KEYS;
type Direction = "asc" | "desc";

const ShipmentOrderField = builder.enumType("ShipmentOrderField", {
  description: "What `shipments` can be sorted by.",
  values: {
    CREATED_AT: { description: "When the shipment was created." },
    UPDATED_AT: { description: "When the shipment last changed." },
    EXPECTED_DELIVERY: { description: "Delivery expected by the courier; shipments without one sort as the latest." },
    TRACKING_STATUS: {
      description:
        "Tracking status in lifecycle order, as TrackingStatus lists its values (PENDING … EXPIRED); untracked shipments sort as the latest.",
    },
    STATUS_CODE: { description: "fabric status, in the order StatusCode lists its values." },
  } satisfies Record<OrderField, { description: string }>,
});

const OrderDirection = builder.enumType("OrderDirection", {
  description: "Sort direction.",
  values: { ASC: { description: "Smallest (earliest) first." }, DESC: { description: "Largest (latest) first." } } as const,
});

export const ShipmentOrder = builder.inputType("ShipmentOrder", {
  description: "How `shipments` are sorted; ties are broken by id, in the same direction.",
  fields: (t) => ({
    field: t.field({ type: ShipmentOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: "DESC", description: "Sort direction; DESC by default." }),
  }),
});

type OrderInput = typeof ShipmentOrder.$inferInput;

export interface Order {
  field: OrderField;
  key: SortKey;
  direction: Direction;
}

/** Newest first: what `shipments` has always returned without an `orderBy`. */
export function shipmentOrder(input: OrderInput | null | undefined): Order {
  const field = input?.field ?? "CREATED_AT";
  return { field, key: SORT_KEYS[field], direction: input?.direction === "ASC" ? "asc" : "desc" };
}

const reverse = (d: Direction): Direction => (d === "asc" ? "desc" : "asc");

/** The ORDER BY; `inverted` reads from the far end, for `last`/`before` pages. */
export function orderByClause({ key, direction }: Order, inverted: boolean): Prisma.ShipmentOrderByWithRelationInput[] {
  const d = inverted ? reverse(direction) : direction;
  return [{ [key.column]: d }, { id: d }];
}

/** The columns a row needs for its cursor. */
export const cursorSelection = ({ key }: Order) => ({ id: true, [key.column]: true }) as const;

type CursorValue = string | null;

export function encodeCursor({ field, key }: Order, row: Record<string, unknown>): string {
  const value = row[key.column];
  const sortValue: CursorValue = value instanceof Date ? value.toISOString() : (value as CursorValue);
  return Buffer.from(JSON.stringify([field, sortValue, row.id])).toString("base64url");
}

export function decodeCursor(order: Order, cursor: string, path: string): { value: CursorValue; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const [field, value, id] = Array.isArray(parsed) && parsed.length === 3 ? parsed : [];
  const validValue =
    value === null
      ? order.key.nullable
      : typeof value === "string" && (order.key.enumValues ? order.key.enumValues.includes(value) : !Number.isNaN(Date.parse(value)));
  if (typeof id !== "string" || (field === order.field && !validValue)) {
    throw new ValidationError([{ path, message: "is not a cursor of `shipments`" }]);
  }
  if (field !== order.field) {
    throw new ValidationError([
      { path, message: `was issued for orderBy ${String(field)}, not ${order.field}; start again without a cursor` },
    ]);
  }
  return { value, id };
}

/** Non-NULL keys strictly past `value` in direction `d`. */
function keyPast(key: SortKey, value: string, d: Direction): Prisma.ShipmentWhereInput {
  if (key.enumValues) {
    // Prisma has no gt/lt for enums; the values past this one, in the enum's order, say the same.
    const i = key.enumValues.indexOf(value);
    return { [key.column]: { in: d === "asc" ? key.enumValues.slice(i + 1) : key.enumValues.slice(0, i) } };
  }
  return { [key.column]: { [d === "asc" ? "gt" : "lt"]: new Date(value) } };
}

/** Rows strictly past the cursor row in direction `d`, NULL keys counting as the largest. */
function past(key: SortKey, { value, id }: { value: CursorValue; id: string }, d: Direction): Prisma.ShipmentWhereInput {
  const sameKeyLaterId: Prisma.ShipmentWhereInput = {
    [key.column]: value === null ? null : key.enumValues ? value : new Date(value),
    id: d === "asc" ? { gt: id } : { lt: id },
  };
  if (value === null) return d === "asc" ? sameKeyLaterId : { OR: [{ [key.column]: { not: null } }, sameKeyLaterId] };
  const nulls: Prisma.ShipmentWhereInput[] = key.nullable && d === "asc" ? [{ [key.column]: null }] : [];
  return { OR: [keyPast(key, value, d), sameKeyLaterId, ...nulls] };
}

/** The keyset conditions for `after` and `before`. */
export function cursorWhere(order: Order, cursors: { after?: string; before?: string }): Prisma.ShipmentWhereInput[] {
  return [
    ...(cursors.after ? [past(order.key, decodeCursor(order, cursors.after, "after"), order.direction)] : []),
    ...(cursors.before ? [past(order.key, decodeCursor(order, cursors.before, "before"), reverse(order.direction))] : []),
  ];
}
