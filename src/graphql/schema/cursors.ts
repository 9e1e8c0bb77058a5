/**
 * List cursors are sealed: the cursor Pothos makes (it names a row by its key) travels base64url
 * encoded with an HMAC over it and the caller's tenant. A cursor is therefore opaque, and one forged
 * or taken from another tenant is refused outright instead of positioning a page next to a row the
 * caller may not see, which would tell that the row exists.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { ValidationError } from "../../errors.js";

const TAG_BYTES = 16;

function tag(key: Buffer, tenantId: string, inner: string): Buffer {
  return createHmac("sha256", key).update(tenantId).update("\u0000").update(inner).digest().subarray(0, TAG_BYTES);
}

export function sealCursor(key: Buffer, tenantId: string, inner: string): string {
  return `${Buffer.from(inner).toString("base64url")}.${tag(key, tenantId, inner).toString("base64url")}`;
}

/** The cursor Pothos made, from a sealed one; BAD_USER_INPUT naming `path` for anything else. */
export function openCursor(key: Buffer, tenantId: string, sealed: string, path: string): string {
  const [body, seal, ...rest] = sealed.split(".");
  const inner = Buffer.from(body ?? "", "base64url").toString();
  const given = Buffer.from(seal ?? "", "base64url");
  if (rest.length || given.length !== TAG_BYTES || !timingSafeEqual(given, tag(key, tenantId, inner))) {
    throw new ValidationError([{ path, message: "is not a cursor of this list; use a cursor the list returned" }]);
  }
  return inner;
}
