/**
 * One HTTP status contract (graphql-over-HTTP): an error's status only when the response has no
 * data, a 200 with data and errors otherwise; and invalid input answers the same 400 BAD_USER_INPUT
 * with `details: [{ path, message }]` whether the value was written inline or sent as a variable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const ACCEPTS = ["application/graphql-response+json", "application/json"] as const;

describe("HTTP status of GraphQL responses", () => {
  let gw: TestGateway;
  let acme: Awaited<ReturnType<TestGateway["tenant"]>>;
  let shipmentId: string;
  const post = (query: string, variables: Record<string, unknown> | undefined, accept: string) =>
    gw.graphql(query, variables, { ...acme.basic, accept });
  /** What a write would change: the tenant's shipments and STATUS-1's version. */
  const written = async () =>
    (
      await gw.graphql(
        `query ($id: ID!) { shipments(first: 1) { totalCount } shipment(id: $id) { version } }`,
        { id: shipmentId },
        acme.basic,
      )
    ).body.data;

  beforeAll(async () => {
    gw = await startTestGateway();
    acme = await gw.tenant("acme");
    const created = await gw.graphql('mutation { createShipment(input: { shipmentNumber: "STATUS-1" }) { id } }', {}, acme.basic);
    shipmentId = created.body.data.createShipment.id;
  });
  afterAll(() => gw.close());

  describe.each(ACCEPTS)("accept %s", (accept) => {
    it("answers 200 with the data and the error when one field is NOT_FOUND and another resolves", async () => {
      const res = await post(
        `query ($id: ID!) { missing: shipment(id: "ship_000000000000000000000000") { id } found: shipment(id: $id) { id } }`,
        { id: shipmentId },
        accept,
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ missing: null, found: { id: shipmentId } });
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]).toMatchObject({ path: ["missing"], extensions: { code: "NOT_FOUND", type: "not_found_error" } });
    });

    it("answers the error's 404 when no field resolved", async () => {
      const res = await post('{ shipment(id: "ship_000000000000000000000000") { id } }', undefined, accept);
      expect(res.status).toBe(404);
      expect(res.body.data).toEqual({ shipment: null });
      expect(res.body.errors![0]!.extensions).toMatchObject({ code: "NOT_FOUND" });
    });
  });

  const PUSH_INLINE = (input: string) => `mutation { updateTracking(input: ${input}) { appliedEvents { id } } }`;
  const PUSH = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { id } } }";
  const cases = [
    {
      name: "an unknown enum value",
      inline: "{ shipments(first: 1, filter: { trackingStatus: SOMEWHERE }) { totalCount } }",
      query: "query ($filter: ShipmentFilter) { shipments(first: 1, filter: $filter) { totalCount } }",
      variables: { filter: { trackingStatus: "SOMEWHERE" } },
      details: [{ path: "filter.trackingStatus", message: expect.stringContaining('"SOMEWHERE" does not exist') }],
    },
    {
      name: "a date-time without an offset, deep in a list",
      inline: PUSH_INLINE(
        '{ shipmentNumber: "STATUS-1", trackingNumber: "1ZSTATUS1", tracking: [{ event: "ok", eventRecordedAt: "2024-01-01T10:00:00Z" }, { event: "bad", eventRecordedAt: "2024-01-01T10:00:00" }] }',
      ),
      query: PUSH,
      variables: {
        input: {
          shipmentNumber: "STATUS-1",
          trackingNumber: "1ZSTATUS1",
          tracking: [
            { event: "ok", eventRecordedAt: "2024-01-01T10:00:00Z" },
            { event: "bad", eventRecordedAt: "2024-01-01T10:00:00" },
          ],
        },
      },
      details: [{ path: "input.tracking[1].eventRecordedAt", message: expect.stringContaining("with an offset") }],
    },
    {
      name: "a missing required field and an unknown one",
      inline: PUSH_INLINE('{ trackingNumber: "1ZSTATUS1", tracking: [], carrierMood: "sunny" }'),
      query: PUSH,
      variables: { input: { trackingNumber: "1ZSTATUS1", tracking: [], carrierMood: "sunny" } },
      details: [
        { path: "input.shipmentNumber", message: "is required" },
        { path: "input.carrierMood", message: expect.stringContaining('"carrierMood" is not defined') },
      ],
    },
  ];

  describe.each(ACCEPTS)("accept %s", (accept) => {
    it.each(cases)("answers $name the same inline and as a variable, and writes nothing", async ({ inline, query, variables, details }) => {
      const before = await written();
      const literal = await post(inline, undefined, accept);
      const variable = await post(query, variables, accept);
      for (const res of [literal, variable]) {
        expect(res.status).toBe(400);
        expect(res.body.data).toBeUndefined();
        expect(res.body.errors!.map((e) => e.extensions)).toEqual(
          details.map((detail) => ({ code: "BAD_USER_INPUT", type: "validation_error", details: [detail], requestId: expect.any(String) })),
        );
      }
      expect(await written()).toEqual(before);
    });
  });

  it("leaves other document errors alone", async () => {
    const res = await post("{ shipments(first: 1) { noSuchField } }", undefined, "application/graphql-response+json");
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED" });
  });
});
