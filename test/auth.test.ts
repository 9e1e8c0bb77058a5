import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { type AuthHeaders, Authenticator } from "../src/auth/credentials.js";
import { createDb } from "../src/db/client.js";
import { ForbiddenError } from "../src/errors.js";
import { basicHeader, startTestGateway, type TestGateway } from "./support/gateway.js";
import { wsUrl } from "./support/subscriptions.js";

const QUERY = "{ shipments(first: 1) { totalCount } }";

describe("auth matrix over real HTTP", () => {
  let gw: TestGateway;
  let acme: Awaited<ReturnType<TestGateway["tenant"]>>;
  beforeAll(async () => {
    gw = await startTestGateway();
    acme = await gw.tenant("acme");
    await gw.tenant("globex");
  });
  afterAll(() => gw.close());

  const expectError = async (headers: Record<string, string>, status: number, code: string, type: string) => {
    const res = await gw.graphql(QUERY, {}, headers);
    expect(res.status).toBe(status);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code, type });
    return res;
  };

  it("no credentials → 401 UNAUTHENTICATED with WWW-Authenticate", async () => {
    const res = await expectError({}, 401, "UNAUTHENTICATED", "authentication_error");
    expect(res.headers.get("www-authenticate")).toMatch(/Basic/);
  });

  it("wrong Basic secret → 401", async () => {
    await expectError(
      { authorization: basicHeader(acme.keys.basic.keyId, "not-the-secret") },
      401,
      "UNAUTHENTICATED",
      "authentication_error",
    );
  });

  it("unknown Basic key → 401", async () => {
    await expectError({ authorization: basicHeader("nobody", "x") }, 401, "UNAUTHENTICATED", "authentication_error");
  });

  it("unknown bearer token → 401", async () => {
    await expectError({ authorization: "Bearer tok_unknown" }, 401, "UNAUTHENTICATED", "authentication_error");
  });

  it("unsupported scheme → 401", async () => {
    await expectError({ authorization: "Digest abc" }, 401, "UNAUTHENTICATED", "authentication_error");
  });

  it("valid Basic → 200 with data", async () => {
    const res = await gw.graphql(QUERY, {}, acme.basic);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { shipments: { totalCount: 0 } } });
  });

  it("valid Bearer with matching fabric headers → 200", async () => {
    const res = await gw.graphql(QUERY, {}, acme.bearer);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ shipments: { totalCount: 0 } });
  });

  it("valid Bearer with another tenant's x-fabric-tenant-id → 403 FORBIDDEN", async () => {
    await expectError({ ...acme.bearer, "x-fabric-tenant-id": "globex" }, 403, "FORBIDDEN", "forbidden_error");
  });

  it("Bearer without x-fabric-tenant-id → 401, as fabric's scheme requires the header", async () => {
    const { "x-fabric-tenant-id": _t, ...withoutTenant } = acme.bearer;
    const res = await expectError(withoutTenant, 401, "UNAUTHENTICATED", "authentication_error");
    expect(res.body.errors?.[0]?.message).toBe("Bearer credentials need the x-fabric-tenant-id header");
  });

  it("x-fabric-channel-id: 12 and 13 pass, another channel → 403 FORBIDDEN, for Basic and Bearer", async () => {
    for (const headers of [acme.basic, acme.bearer]) {
      expect((await gw.graphql(QUERY, {}, { ...headers, "x-fabric-channel-id": "13" })).status).toBe(200);
      const res = await expectError({ ...headers, "x-fabric-channel-id": "012" }, 403, "FORBIDDEN", "forbidden_error");
      expect(res.body.errors?.[0]?.message).toBe("x-fabric-channel-id must be 12 (US) or 13 (Canada)");
    }
  });

  it("graphql-ws applies the same header rules at connection_init (4403 without the tenant header)", async () => {
    const { "x-fabric-tenant-id": _t, ...withoutTenant } = acme.bearer;
    const answer = async (payload: Record<string, string>) => {
      const socket = new WebSocket(wsUrl(gw.url), "graphql-transport-ws");
      await new Promise((resolve) => socket.once("open", resolve));
      socket.send(JSON.stringify({ type: "connection_init", payload }));
      return new Promise<string>((resolve) => {
        socket.once("message", (data) => resolve(JSON.parse(String(data)).type));
        socket.once("close", (code) => resolve(String(code)));
      }).finally(() => socket.close());
    };
    expect(await answer(acme.bearer)).toBe("connection_ack");
    expect(await answer(withoutTenant)).toBe("4403");
    expect(await answer({ ...acme.basic, "x-fabric-channel-id": "14" })).toBe("4403");
  });

  it("revoked credentials → 403 FORBIDDEN", async () => {
    const revoked = await gw.tenant("initech");
    await gw.db.apiCredential.updateMany({ where: { tenantId: "initech" }, data: { revokedAt: new Date() } });
    await expectError(revoked.basic, 403, "FORBIDDEN", "forbidden_error");
  });

  describe("credential cache, re-read ahead of expiry", () => {
    const TTL = 10_000;
    const T0 = Date.UTC(2026, 0, 1);
    // Only Date is faked (the cache's clock); timers and the database's sockets stay real.
    const at = (ms: number) => vi.setSystemTime(T0 + ms);
    afterEach(() => vi.useRealTimers());
    const credentialReads = () => gw.statements.filter((sql) => /^\s*SELECT/i.test(sql) && sql.includes('"ApiCredential"')).length;
    const headersOf =
      (headers: Record<string, string>): AuthHeaders =>
      (name) =>
        headers[name];
    /** Calls until one is refused (the refresh in the background has settled), or gives up. */
    const untilRefused = async (authenticate: () => Promise<unknown>) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const error = await authenticate().then(
          () => undefined,
          (refused: unknown) => refused,
        );
        if (error) return error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return undefined;
    };

    const verified = async (tenant: string, db = gw.db) => {
      const { keys, basic } = await gw.tenant(tenant);
      vi.useFakeTimers({ toFake: ["Date"] });
      at(0);
      const authenticator = new Authenticator(db, { cacheTtlMs: TTL });
      const header = headersOf(basic);
      expect((await authenticator.authenticate(header)).tenantId).toBe(tenant);
      gw.statements.length = 0;
      return { keys, authenticator, authenticate: () => authenticator.authenticate(header) };
    };

    it("serves a revoked credential from the cache while its row is re-read in the background, then refuses it before the TTL", async () => {
      const { authenticate } = await verified("revoked-ahead");
      await gw.db.apiCredential.updateMany({ where: { tenantId: "revoked-ahead" }, data: { revokedAt: new Date() } });
      at(TTL * 0.4);
      await authenticate();
      expect(credentialReads()).toBe(0);
      at(TTL * 0.6);
      // Answered from the cache without waiting: a caller that waited on the read would have seen the revocation.
      const answers = await Promise.all(Array.from({ length: 10 }, authenticate));
      expect(answers.map((viewer) => viewer.tenantId)).toEqual(Array(10).fill("revoked-ahead"));
      // The clock stands still short of the TTL: only the background read can have dropped the entry.
      expect(await untilRefused(authenticate)).toBeInstanceOf(ForbiddenError);
      // One background read for all of those calls, then the refused call's own full verification.
      expect(credentialReads()).toBe(2);
    });

    it("renews the entry in the background, so requests past the first TTL do not wait on a read", async () => {
      const { authenticate } = await verified("renewed-ahead");
      at(TTL * 0.6);
      await authenticate();
      await vi.waitFor(() => expect(credentialReads()).toBe(1));
      // Past the first verification's TTL: served (or, had the read not landed yet, joined) with no read of its own.
      at(TTL * 1.05);
      expect((await authenticate()).tenantId).toBe("renewed-ahead");
      expect(credentialReads()).toBe(1);
    });

    it("makes a request wait on the read once the entry reaches its TTL, so revocation takes effect within it", async () => {
      const { authenticate } = await verified("revoked-at-ttl");
      await gw.db.apiCredential.updateMany({ where: { tenantId: "revoked-at-ttl" }, data: { revokedAt: new Date() } });
      at(TTL);
      await expect(authenticate()).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("keeps serving the cached entry when the background read fails, without an unhandled rejection, until the TTL", async () => {
      const own = createDb({ url: gw.databaseUrl });
      try {
        const { authenticate } = await verified("database-away", own.db);
        // The authenticator's own pool, ended: every later read fails as against a database that went away.
        await own.pool.end();
        at(TTL * 0.6);
        await authenticate();
        // Time for the background read to fail with nobody waiting on it (its rejection unheard would fail the run).
        await new Promise((resolve) => setTimeout(resolve, 200));
        at(TTL * 0.9);
        expect((await authenticate()).tenantId).toBe("database-away");
        at(TTL);
        await expect(authenticate()).rejects.toThrow();
      } finally {
        if (!own.pool.ended) await own.db.$disconnect();
      }
    });
  });

  it("stores secrets only as scrypt hashes", async () => {
    const rows = await gw.db.apiCredential.findMany({ where: { tenantId: "acme" } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.secretHash).toMatch(/^scrypt\$/);
      expect(row.secretHash).not.toContain(acme.keys.basic.secret);
      expect(row.secretHash).not.toContain(acme.keys.bearerToken);
    }
  });
});
