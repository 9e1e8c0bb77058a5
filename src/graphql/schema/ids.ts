/**
 * Stripe-style prefixed public ids (`ship_…`, `ctn_…`, `itm_…`, `evt_…`), which double as Relay
 * global ids: the prefix names the GraphQL type.
 */
import { ValidationError } from "../../errors.js";

export { newId } from "../../shipments/ids.js";

export const ID_PREFIX = {
  Shipment: "ship",
  Carton: "ctn",
  Item: "itm",
  TrackingEvent: "evt",
} as const;

const TYPE_BY_PREFIX = new Map<string, string>(Object.entries(ID_PREFIX).map(([type, prefix]) => [prefix, type]));

/** The node type an id names; an id of no type of ours is bad input, not a missing object. */
export function decodePublicId(id: string): { typename: string; id: string } {
  const typename = TYPE_BY_PREFIX.get(id.slice(0, id.indexOf("_")));
  if (!typename) {
    const prefixes = Object.values(ID_PREFIX)
      .map((prefix) => `${prefix}_…`)
      .join(", ");
    throw new ValidationError([{ path: "id", message: `is not an id of this API (${prefixes})` }]);
  }
  return { typename, id };
}
