/**
 * `ShipmentFilter`: what list screens search by, as one Prisma `where` shared by `shipments`, its
 * `totalCount` and `statusCounts`, so a dashboard's counts always match its list.
 */
import { ValidationError } from "../../errors.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { STRING_LENGTH } from "../../input-limits.js";
import { builder } from "./builder.js";
import { StatusCode, TrackingStatus } from "./enums.js";

const DateTimeRange = builder.inputType("DateTimeRange", {
  description: "A half-open range of instants: at or after `from`, before `before`. Either end may be left open.",
  fields: (t) => ({
    from: t.field({ type: "DateTime", required: false, description: "Inclusive lower bound." }),
    before: t.field({ type: "DateTime", required: false, description: "Exclusive upper bound." }),
  }),
});

export const ShipmentFilter = builder.inputType("ShipmentFilter", {
  description: `Narrows \`shipments\` and \`statusCounts\`; all given conditions must hold. Strings hold at most ${STRING_LENGTH.short} characters.`,
  fields: (t) => ({
    statusCode: t.field({ type: [StatusCode], required: false, description: "Any of these fabric statuses." }),
    trackingStatus: t.field({ type: [TrackingStatus], required: false, description: "Any of these tracking statuses." }),
    courier: t.string({ required: false, description: "Courier code, e.g. ups." }),
    trackingNumber: t.string({ required: false, description: "Shipment or carton tracking number." }),
    orderNumber: t.string({ required: false, description: "One of the order numbers the shipment fulfils (exact match)." }),
    recipientEmail: t.string({ required: false, description: "Email of one of the recipients (exact match, ignoring case)." }),
    updatedSince: t.field({ type: "DateTime", required: false, description: "Changed at or after this instant." }),
    createdAt: t.field({ type: DateTimeRange, required: false, description: "Created within this range." }),
    expectedDelivery: t.field({
      type: DateTimeRange,
      required: false,
      description: "Delivery expected within this range; shipments without an expected delivery never match.",
    }),
  }),
});

export type Filter = typeof ShipmentFilter.$inferInput;
type Range = typeof DateTimeRange.$inferInput;

export function byTrackingNumber(trackingNumber: string): Prisma.ShipmentWhereInput {
  return { OR: [{ shipmentTrackingNumber: trackingNumber }, { cartons: { some: { trackingNumber } } }] };
}

/** Prisma sends a case-insensitive `equals` as ILIKE, where `_` and `%` would be wildcards. */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, "\\$&");
}

function within(range: Range, path: string): { gte?: Date; lt?: Date } {
  if (range.from && range.before && range.from > range.before) {
    throw new ValidationError([{ path, message: "`from` must not be after `before`" }]);
  }
  return { ...(range.from ? { gte: range.from } : {}), ...(range.before ? { lt: range.before } : {}) };
}

export function shipmentsWhere(filter: Filter | null | undefined, tenantId: string): Prisma.ShipmentWhereInput {
  return {
    tenantId,
    ...(filter?.statusCode ? { statusCode: { in: filter.statusCode } } : {}),
    ...(filter?.trackingStatus ? { trackingStatus: { in: filter.trackingStatus } } : {}),
    ...(filter?.courier ? { shipmentCourier: filter.courier.toLowerCase() } : {}),
    ...(filter?.orderNumber ? { orderNumbers: { has: filter.orderNumber } } : {}),
    ...(filter?.recipientEmail
      ? { recipients: { some: { email: { equals: likeLiteral(filter.recipientEmail), mode: "insensitive" } } } }
      : {}),
    ...(filter?.updatedSince ? { updatedAt: { gte: filter.updatedSince } } : {}),
    ...(filter?.createdAt ? { createdAt: within(filter.createdAt, "filter.createdAt") } : {}),
    ...(filter?.expectedDelivery ? { expectedDelivery: { not: null, ...within(filter.expectedDelivery, "filter.expectedDelivery") } } : {}),
    ...(filter?.trackingNumber ? byTrackingNumber(filter.trackingNumber) : {}),
  };
}
