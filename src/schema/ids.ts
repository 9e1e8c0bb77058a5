/**
 * Stripe-style prefixed public ids (`ship_…`, `ctn_…`, `itm_…`, `evt_…`), which double as Relay
 * global ids: the prefix names the GraphQL type.
 */
import { randomBytes } from "node:crypto";

export const ID_PREFIX = {
  Shipment: "ship",
  Carton: "ctn",
  Item: "itm",
  TrackingEvent: "evt",
} as const;

const TYPE_BY_PREFIX = new Map<string, string>(Object.entries(ID_PREFIX).map(([type, prefix]) => [prefix, type]));

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

/** The node type an id names; an unknown prefix names no type (and so resolves to null). */
export function decodePublicId(id: string): { typename: string; id: string } {
  return { typename: TYPE_BY_PREFIX.get(id.slice(0, id.indexOf("_"))) ?? "Unknown", id };
}
