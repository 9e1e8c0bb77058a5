import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

describe("rate limiting per credential", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ rateLimitPoints: 3 });
  });
  afterAll(() => gw.close());

  it("answers 429 RATE_LIMITED with Retry-After once a credential spends its budget; other credentials are unaffected", async () => {
    const acme = await gw.tenant("acme");
    const globex = await gw.tenant("globex");
    const query = "{ shipments(first: 1) { totalCount } }";
    for (let i = 0; i < 3; i++) expect((await gw.graphql(query, {}, acme.basic)).status).toBe(200);
    const limited = await gw.graphql(query, {}, acme.basic);
    expect(limited.status).toBe(429);
    expect(limited.body.data ?? null).toBeNull();
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.errors![0]).toMatchObject({
      message: "Too many requests",
      extensions: { code: "RATE_LIMITED", type: "rate_limit_error", retryAfter },
    });
    expect((await gw.graphql(query, {}, globex.basic)).status).toBe(200);
  });
});
