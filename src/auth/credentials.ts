/**
 * Who is calling: verifies `Authorization: Basic base64(keyId:secret)` (the sync seed's scheme) or
 * `Authorization: Bearer <token>` with `x-fabric-tenant-id` / `x-fabric-channel-id` (fabric's scheme),
 * on HTTP and in graphql-ws `connection_init` payloads alike.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { AuthenticationError, ForbiddenError } from "../errors.js";
import { DECOY_HASH, generateSecret, hashSecret, verifySecret } from "./secrets.js";

export interface Viewer {
  tenantId: string;
  credentialId: string;
  /** fabric sales channel (12 US, 13 Canada). */
  channelId: number;
}

/** The request headers authentication reads; lower-case names. */
export type AuthHeaders = (name: string) => string | null | undefined;

const DEFAULT_CHANNEL = 12;
/** fabric's sales channels: 12 United States, 13 Canada. */
const CHANNELS = new Set(["12", "13"]);

export function bearerDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

interface Verified {
  tenantId: string;
  credentialId: string;
  expiresAt: number;
}

/**
 * Verifies credentials against the database. scrypt costs tens of milliseconds by design, so a
 * success is remembered briefly (keyed by a digest of the presented header, never the secret);
 * a revoked key stops working within `cacheTtlMs`.
 */
export class Authenticator {
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly db: Db,
    private readonly cacheTtlMs = 30_000,
    private readonly cacheSize = 10_000,
  ) {}

  async authenticate(header: AuthHeaders): Promise<Viewer> {
    const authorization = header("authorization")?.trim();
    if (!authorization) throw new AuthenticationError("Missing credentials: send Authorization: Basic or Bearer");
    const cacheKey = bearerDigest(authorization);
    const now = Date.now();
    let identity: Omit<Verified, "expiresAt"> | undefined = this.verified.get(cacheKey);
    if (!identity || (identity as Verified).expiresAt < now) {
      this.verified.delete(cacheKey);
      identity = await this.verify(authorization);
      if (this.verified.size >= this.cacheSize) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(cacheKey, { ...identity, expiresAt: now + this.cacheTtlMs });
    }
    return { ...identity, channelId: this.channel(header, identity.tenantId) };
  }

  /**
   * fabric's header rules. Its bearer scheme names the tenant in `x-fabric-tenant-id` ("required"),
   * so a bearer token without it is refused here too, on GraphQL as on REST; Basic carries its
   * merchant id in the credentials. The channel is one of fabric's two, 12 when absent.
   */
  private channel(header: AuthHeaders, tenantId: string): number {
    const tenantHeader = header("x-fabric-tenant-id");
    if (!tenantHeader && /^bearer\s/i.test(header("authorization")?.trim() ?? "")) {
      throw new AuthenticationError("Bearer credentials need the x-fabric-tenant-id header");
    }
    if (tenantHeader && tenantHeader !== tenantId) {
      throw new ForbiddenError("x-fabric-tenant-id does not match the tenant of these credentials");
    }
    const channel = header("x-fabric-channel-id");
    if (!channel) return DEFAULT_CHANNEL;
    if (!CHANNELS.has(channel)) throw new ForbiddenError("x-fabric-channel-id must be 12 (US) or 13 (Canada)");
    return Number(channel);
  }

  private async verify(authorization: string): Promise<Omit<Verified, "expiresAt">> {
    const [scheme, value = ""] = authorization.split(/\s+/, 2);
    let secret: string;
    let credential;
    if (scheme?.toLowerCase() === "basic") {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 1) throw new AuthenticationError("Malformed Basic credentials");
      secret = decoded.slice(colon + 1);
      credential = await this.db.apiCredential.findFirst({ where: { keyId: decoded.slice(0, colon), kind: "BASIC" } });
    } else if (scheme?.toLowerCase() === "bearer" && value) {
      secret = value;
      credential = await this.db.apiCredential.findFirst({ where: { lookupDigest: bearerDigest(value), kind: "BEARER" } });
    } else {
      throw new AuthenticationError("Unsupported authorization scheme: use Basic or Bearer");
    }
    // Verify even when the key is unknown so timing does not reveal which key ids exist.
    const valid = await verifySecret(secret, credential?.secretHash ?? DECOY_HASH);
    if (!credential || !valid) throw new AuthenticationError();
    if (credential.revokedAt) throw new ForbiddenError("These credentials have been revoked");
    return { tenantId: credential.tenantId, credentialId: credential.id };
  }
}

export interface IssuedKeys {
  tenantId: string;
  /** `keyId:secret` for HTTP Basic. */
  basic: { keyId: string; secret: string };
  bearerToken: string;
}

/**
 * Creates a tenant (if new) with one Basic key and one bearer token. Secrets are returned once and
 * stored only as scrypt hashes. `keyId` defaults to the tenant id (the seeds' "merchant id").
 */
export async function issueKeys(
  db: Db,
  tenant: { id: string; name?: string },
  chosen: { keyId?: string; secret?: string; bearerToken?: string } = {},
): Promise<IssuedKeys> {
  const existing = await db.apiCredential.count({ where: { tenantId: tenant.id, kind: "BASIC" } });
  const keyId = chosen.keyId ?? (existing === 0 ? tenant.id : `${tenant.id}_${randomBytes(4).toString("hex")}`);
  const secret = chosen.secret ?? generateSecret("sk_");
  const bearerToken = chosen.bearerToken ?? generateSecret("tok_");
  const [secretHash, tokenHash] = await Promise.all([hashSecret(secret), hashSecret(bearerToken)]);
  await db.$transaction([
    db.tenant.upsert({ where: { id: tenant.id }, create: { id: tenant.id, name: tenant.name ?? tenant.id }, update: {} }),
    db.apiCredential.create({
      data: { id: `key_${randomBytes(8).toString("hex")}`, tenantId: tenant.id, kind: "BASIC", keyId, secretHash },
    }),
    db.apiCredential.create({
      data: {
        id: `key_${randomBytes(8).toString("hex")}`,
        tenantId: tenant.id,
        kind: "BEARER",
        lookupDigest: bearerDigest(bearerToken),
        secretHash: tokenHash,
      },
    }),
  ]);
  return { tenantId: tenant.id, basic: { keyId, secret }, bearerToken };
}
