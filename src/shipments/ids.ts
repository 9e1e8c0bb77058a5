/**
 * Row ids, Stripe-style: a short prefix saying what the row is (`ship`, `ctn`, `itm`, `evt`, `aud`, …)
 * and 96 random bits, so an id met in a log or a URL names its kind. The node types' ids are also
 * the API's public ids; src/graphql/schema/ids.ts reads the type back from the prefix.
 */
import { randomBytes } from "node:crypto";

const ID_BYTES = 12;
// Ids come in bursts (an ingestion makes one per event), and each randomBytes call costs a trip into
// C++ and a new Buffer; drawing the randomness for many ids at once, as crypto.randomUUID does, spares that.
const BATCH_BYTES = ID_BYTES * 256;
let randomness = Buffer.alloc(0);
let offset = 0;

export function newId(prefix: string): string {
  if (offset + ID_BYTES > randomness.length) {
    randomness = randomBytes(BATCH_BYTES);
    offset = 0;
  }
  offset += ID_BYTES;
  return `${prefix}_${randomness.toString("hex", offset - ID_BYTES, offset)}`;
}
