import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicHeader, startTestGateway, type TestGateway } from "./support/gateway.js";

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
    await expectError({ authorization: basicHeader(acme.keys.basic.keyId, "not-the-secret") }, 401, "UNAUTHENTICATED", "authentication_error");
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
