/**
 * Who is calling: verifies `Authorization: Basic base64(keyId:secret)` (the sync seed's scheme) or
 * `Authorization: Bearer <token>` with `x-fabric-tenant-id` / `x-fabric-channel-id` (fabric's scheme),
 * on HTTP and in graphql-ws `connection_init` payloads alike.
 */
import { hash, randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import { AuthenticationError, ForbiddenError, RateLimitError } from "../errors.js";
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

// One-shot hashing: it runs on every request (the credential cache's key), and a Hash object per call cost several times more.
export function bearerDigest(token: string): string {
  return hash("sha256", token, "hex");
}

interface Verified {
  tenantId: string;
  credentialId: string;
  /** The stored hash this header was verified against: a rotated secret needs a new check. */
  secretHash: string;
  /** When the row read that confirmed it started: the entry is trusted for cacheTtlMs from then. */
  verifiedAt: number;
}

/** RFC 7235 credentials: one scheme, one space or more, one token68 — nothing else. */
const CREDENTIALS = /^([A-Za-z]+) +([A-Za-z0-9\-._~+/]+=*)$/;

export interface AuthenticatorOptions {
  /** How long a verified header is trusted before its credential row is read again. */
  cacheTtlMs?: number;
  cacheSize?: number;
  /** Failed attempts allowed per client address and per key id within the window. */
  failures?: { perIp: number; perKey: number; windowSeconds: number };
}

/**
 * Verifies credentials against the database. scrypt costs tens of milliseconds by design, so:
 * - a success is remembered (keyed by a digest of the presented header, never the secret) and later
 *   re-validated with one row read, not another scrypt;
 * - the row is read again ahead of expiry: once an entry is half its `cacheTtlMs` old, one request
 *   starts the read in the background and every request keeps being answered from the cache, so a
 *   steady caller never waits on it; only an entry `cacheTtlMs` old or more makes requests wait.
 *   Revocation still takes effect within `cacheTtlMs`: an entry is trusted for `cacheTtlMs` from the
 *   start of the row read that confirmed it, and a read that finds the credential revoked drops it;
 * - concurrent requests with the same header share one verification (no stampede at expiry);
 * - a client address or key id with too many recent failures gets 429 before any scrypt runs.
 */
export class Authenticator {
  private readonly verified = new Map<string, Verified>();
  private readonly inFlight = new Map<string, Promise<Verified>>();
  private readonly cacheTtlMs: number;
  private readonly cacheSize: number;
  private readonly failuresByIp: RateLimiterMemory;
  private readonly failuresByKey: RateLimiterMemory;

  constructor(
    private readonly db: Db,
    options: AuthenticatorOptions = {},
  ) {
    this.cacheTtlMs = options.cacheTtlMs ?? 30_000;
    this.cacheSize = options.cacheSize ?? 10_000;
    const failures = options.failures ?? { perIp: 30, perKey: 10, windowSeconds: 300 };
    this.failuresByIp = new RateLimiterMemory({ points: failures.perIp, duration: failures.windowSeconds });
    this.failuresByKey = new RateLimiterMemory({ points: failures.perKey, duration: failures.windowSeconds });
  }

  /**
   * `client` is the caller's network address, for failed-attempt limiting per address (requests
   * from inside the process, such as REST's, have none and are limited per key id only).
   */
  async authenticate(header: AuthHeaders, client?: string): Promise<Viewer> {
    const authorization = header("authorization");
    if (!authorization) throw new AuthenticationError("Missing credentials: send Authorization: Basic or Bearer");
    const cacheKey = bearerDigest(authorization);
    const cached = this.verified.get(cacheKey);
    const age = cached ? Date.now() - cached.verifiedAt : Number.POSITIVE_INFINITY;
    let identity: Verified;
    if (cached && age < this.cacheTtlMs) {
      if (age >= this.cacheTtlMs / 2 && !this.inFlight.has(cacheKey)) {
        // Nobody waits on it: its outcome only reaches the cache (a refusal drops the entry, so the next request fails).
        void this.singleFlight(cacheKey, authorization, client, cached).catch(() => undefined);
      }
      identity = cached;
    } else {
      identity = await this.singleFlight(cacheKey, authorization, client, cached);
    }
    return { tenantId: identity.tenantId, credentialId: identity.credentialId, channelId: this.channel(header, identity.tenantId) };
  }

  /** Which of these credentials have been revoked or deleted since they were verified. */
  async revoked(credentialIds: string[]): Promise<Set<string>> {
    const live = await this.db.apiCredential.findMany({ where: { id: { in: credentialIds }, revokedAt: null }, select: { id: true } });
    const liveIds = new Set(live.map((credential) => credential.id));
    return new Set(credentialIds.filter((id) => !liveIds.has(id)));
  }

  private singleFlight(cacheKey: string, authorization: string, client: string | undefined, stale?: Verified): Promise<Verified> {
    let pending = this.inFlight.get(cacheKey);
    if (!pending) {
      pending = (stale ? this.revalidate(stale, authorization, client) : this.verify(authorization, client))
        .then((identity) => {
          this.remember(cacheKey, identity);
          return identity;
        })
        .catch((error) => {
          // Refused: forget the header. Anything else (the database unreachable) keeps the entry, which
          // is still only trusted until its TTL; the next request past half of it tries again.
          if (error instanceof AuthenticationError || error instanceof ForbiddenError) this.verified.delete(cacheKey);
          throw error;
        })
        .finally(() => this.inFlight.delete(cacheKey));
      this.inFlight.set(cacheKey, pending);
    }
    return pending;
  }

  private remember(cacheKey: string, identity: Verified) {
    this.verified.delete(cacheKey);
    if (this.verified.size >= this.cacheSize) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(cacheKey, identity);
  }

  /** A header verified before: one row read, unless the secret was rotated since. */
  private async revalidate(stale: Verified, authorization: string, client: string | undefined): Promise<Verified> {
    const readAt = Date.now();
    const credential = await this.db.apiCredential.findUnique({ where: { id: stale.credentialId } });
    if (!credential || credential.secretHash !== stale.secretHash) return this.verify(authorization, client);
    if (credential.revokedAt) throw new ForbiddenError("These credentials have been revoked");
    return { ...stale, verifiedAt: readAt };
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

  private async verify(authorization: string, client: string | undefined): Promise<Verified> {
    const match = CREDENTIALS.exec(authorization);
    if (!match) throw new AuthenticationError("Malformed Authorization header: expected `Basic <base64>` or `Bearer <token>`");
    const [, scheme, value] = match as unknown as [string, string, string];
    let keyId: string;
    let secret: string;
    let find: () => Promise<{ id: string; tenantId: string; secretHash: string; revokedAt: Date | null } | null>;
    if (scheme.toLowerCase() === "basic") {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 1) throw new AuthenticationError("Malformed Basic credentials");
      keyId = decoded.slice(0, colon);
      secret = decoded.slice(colon + 1);
      find = () => this.db.apiCredential.findFirst({ where: { keyId, kind: "BASIC" } });
    } else if (scheme.toLowerCase() === "bearer") {
      keyId = bearerDigest(value);
      secret = value;
      find = () => this.db.apiCredential.findFirst({ where: { lookupDigest: keyId, kind: "BEARER" } });
    } else {
      throw new AuthenticationError("Unsupported authorization scheme: use Basic or Bearer");
    }
    await this.refuseWhileLimited(client, keyId);
    const readAt = Date.now();
    const credential = await find();
    // Verify even when the key is unknown so timing does not reveal which key ids exist.
    const valid = await verifySecret(secret, credential?.secretHash ?? DECOY_HASH);
    if (!credential || !valid) {
      await this.countFailure(client, keyId);
      throw new AuthenticationError();
    }
    if (credential.revokedAt) throw new ForbiddenError("These credentials have been revoked");
    return { tenantId: credential.tenantId, credentialId: credential.id, secretHash: credential.secretHash, verifiedAt: readAt };
  }

  private async refuseWhileLimited(client: string | undefined, keyId: string) {
    const [byIp, byKey] = await Promise.all([client ? this.failuresByIp.get(client) : null, this.failuresByKey.get(keyId)]);
    const spent = [
      [byIp, this.failuresByIp.points],
      [byKey, this.failuresByKey.points],
    ].filter(([res, points]) => res && (res as RateLimiterRes).consumedPoints >= (points as number)) as [RateLimiterRes, number][];
    if (spent.length) {
      const waitMs = Math.max(...spent.map(([res]) => res.msBeforeNext));
      throw new RateLimitError(Math.max(1, Math.ceil(waitMs / 1000)), "Too many failed authentication attempts");
    }
  }

  private async countFailure(client: string | undefined, keyId: string) {
    // Penalties, not consumption: they never throw; the next attempt is refused by refuseWhileLimited.
    await Promise.all([client ? this.failuresByIp.penalty(client) : null, this.failuresByKey.penalty(keyId)]);
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
