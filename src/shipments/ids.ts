/**
 * Row ids, Stripe-style: a short prefix saying what the row is (`ship`, `ctn`, `itm`, `evt`, `aud`, …)
 * and 96 random bits, so an id met in a log or a URL names its kind. The node types' ids are also
 * the API's public ids; src/schema/ids.ts reads the type back from the prefix.
 */
import { randomBytes } from "node:crypto";

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}
