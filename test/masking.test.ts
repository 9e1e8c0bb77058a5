/** Production mode: errors meant for clients keep their shape; anything unexpected says nothing more. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";

describe("error masking in production", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway({ production: true });
    auth = (await gw.tenant("acme")).basic;
  });
  afterAll(() => gw.close());

  it("keeps NOT_FOUND as it is", async () => {
    const res = await gw.graphql('{ shipment(id: "ship_missing") { id } }', {}, auth);
    expect(res.body.errors![0]).toMatchObject({
      message: "Shipment not found",
      extensions: { code: "NOT_FOUND", type: "not_found_error" },
    });
  });

  it("hides field suggestions from invalid documents, the first time and every time after", async () => {
    const query = "{ shipmnts(first: 1) { totalCount } }";
    // The second answer comes from the result kept for the document; it must read the same.
    for (let i = 0; i < 2; i++) {
      const res = await gw.graphql(query, {}, auth);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.message).toBe('Cannot query field "shipmnts" on type "Query". [Suggestion hidden]');
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", type: "validation_error" });
    }
  });

  it("refuses introspection when it is switched off, every time", async () => {
    const closed = await startTestGateway({ production: true, edge: { introspection: false } });
    try {
      const basic = (await closed.tenant("acme")).basic;
      for (let i = 0; i < 2; i++) {
        const res = await closed.graphql("{ __schema { queryType { name } } }", {}, basic);
        expect(res.body.data).toBeUndefined();
        expect(res.body.errors![0]!.message).toMatch(/introspection/i);
      }
      expect(expectNoErrors(await closed.graphql("{ __typename }", {}, basic))).toEqual({ __typename: "Query" });
    } finally {
      await closed.close();
    }
  });

  it("masks a failure nobody planned for, without leaking its message", async () => {
    await gw.db.$executeRawUnsafe('ALTER TABLE "Shipment" RENAME TO "ShipmentGone"');
    try {
      const res = await gw.graphql("{ shipments(first: 1) { nodes { id } } }", {}, auth);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.message).toBe("Unexpected error.");
      expect(res.body.errors![0]!.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: res.headers.get("x-request-id") });
      expect(JSON.stringify(res.body)).not.toMatch(/ShipmentGone|relation|does not exist|prisma|originalError/i);
    } finally {
      await gw.db.$executeRawUnsafe('ALTER TABLE "ShipmentGone" RENAME TO "Shipment"');
    }
  });
});
