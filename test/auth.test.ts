import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
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
