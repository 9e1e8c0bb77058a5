/**
 * Tenant isolation, generated: tenant B sends tenant A's identifiers (ids of every type, shipment
 * and tracking numbers, a cursor A was given) and near misses of them through every lookup,
 * mutation and subscription argument. B never gets A's data and always gets the answer a
 * non-existent value gets: NOT_FOUND (or null from node, or an empty list); A's shipment is unchanged.
 */
import fc from "fast-check";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedShipmentInput } from "./support/documents.js";
import { startTestGateway, type GraphQLResponse, type TestGateway } from "./support/gateway.js";
import { wsUrl } from "./support/subscriptions.js";

const A_MARKER = "A-ONLY-PO";
const ID_PREFIXES = ["ship_", "ctn_", "itm_", "evt_"];

describe("tenant isolation, generated", () => {
  let gw: TestGateway;
  let b: Awaited<ReturnType<TestGateway["tenant"]>>;
  let aAuth: Record<string, string>;
  let aIdentifiers: string[];
  let aCursor: string;
  let bShipmentId: string;
  let aBefore: unknown;
  const aShipment = () =>
    gw.db.shipment.findFirstOrThrow({
      where: { tenantId: "iso-a" },
      select: { version: true, updatedAt: true, _count: { select: { trackingEvents: true } } },
    });

  beforeAll(async () => {
    gw = await startTestGateway();
    aAuth = (await gw.tenant("iso-a")).basic;
    b = await gw.tenant("iso-b");
    const create =
      "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id cartons { id trackingNumber items { id } trackingEvents { id } } } }";
    const a = await gw.graphql(create, { input: seedShipmentInput({ poNumber: A_MARKER, shipmentTrackingNumber: "1ZASHIPLEVEL" }) }, aAuth);
    expect(a.body.errors).toBeUndefined();
    const shipment = a.body.data.createShipment;
    aIdentifiers = [
      shipment.id,
      "78974156816152",
      "1ZASHIPLEVEL",
      ...shipment.cartons.flatMap((c: any) => [
        c.id,
        c.trackingNumber,
        ...c.items.map((i: any) => i.id),
        ...c.trackingEvents.map((e: any) => e.id),
      ]),
    ];
    aCursor = (await gw.graphql("{ shipments(first: 1) { pageInfo { endCursor } } }", {}, aAuth)).body.data.shipments.pageInfo.endCursor;
    const own = await gw.graphql(create, { input: { shipmentNumber: "B-SHIP", cartons: [{ trackingNumber: "1ZBONLY" }] } }, b.basic);
    bShipmentId = own.body.data.createShipment.id;
    aBefore = await aShipment();
  });
  afterAll(() => gw.close());

  const query = (q: string, variables: Record<string, unknown>) => gw.graphql(q, variables, b.basic);

  function expectNotFound(res: GraphQLResponse, field: string) {
    expect(res.status).toBe(404);
    expect(res.body.data?.[field] ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", type: "not_found_error" });
  }

  /** The first thing a subscription answers: its errors, or its first event (which B must never get here). */
  function firstAnswer(variables: Record<string, unknown>) {
    const client = createClient({ url: wsUrl(gw.url), webSocketImpl: WebSocket, connectionParams: b.basic, retryAttempts: 0 });
    return new Promise<unknown>((resolve) => {
      client.subscribe(
        {
          query:
            "subscription ($shipmentId: ID, $trackingNumber: String) { trackingUpdated(shipmentId: $shipmentId, trackingNumber: $trackingNumber) { version } }",
          variables,
        },
        { next: resolve, error: (errors) => resolve({ errors }), complete: () => resolve({ completed: true }) },
      );
    }).finally(() => client.dispose());
  }

  const probes: Record<string, (value: string) => Promise<GraphQLResponse | unknown>> = {
    shipment: async (v) => {
      const res = await query("query ($v: ID!) { shipment(id: $v) { id poNumber } }", { v });
      expectNotFound(res, "shipment");
      return res;
    },
    shipmentByNumber: async (v) => {
      const res = await query("query ($v: String!) { shipmentByNumber(shipmentNumber: $v) { id } }", { v });
      expectNotFound(res, "shipmentByNumber");
      return res;
    },
    shipmentByTrackingNumber: async (v) => {
      const res = await query("query ($v: String!) { shipmentByTrackingNumber(trackingNumber: $v) { id } }", { v });
      expectNotFound(res, "shipmentByTrackingNumber");
      return res;
    },
    node: async (v) => {
      const res = await query("query ($v: ID!) { node(id: $v) { id } }", { v });
      expect(res.body.data?.node ?? null).toBeNull();
      // Null with no error for an id of ours; BAD_USER_INPUT for a string that is no id at all.
      if (ID_PREFIXES.some((p) => v.startsWith(p))) expect(res.body.errors).toBeUndefined();
      else expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      return res;
    },
    nodes: async (v) => {
      if (!ID_PREFIXES.some((p) => v.startsWith(p))) return null;
      const res = await query("query ($v: ID!, $own: ID!) { nodes(ids: [$v, $own]) { id } }", { v, own: bShipmentId });
      expect(res.body).toEqual({ data: { nodes: [null, { id: bShipmentId }] } });
      return res;
    },
    shipmentsFilter: async (v) => {
      const res = await query("query ($v: String!) { shipments(first: 10, filter: { trackingNumber: $v }) { totalCount nodes { id } } }", {
        v,
      });
      expect(res.body).toEqual({ data: { shipments: { totalCount: 0, nodes: [] } } });
      return res;
    },
    updateTrackingByNumber: async (v) => {
      const res = await query("mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { id } } }", {
        input: { shipmentNumber: v, trackingNumber: v, tracking: [{ event: "delivered", eventRecordedAt: "2024-05-01T10:00:00Z" }] },
      });
      expectNotFound(res, "updateTracking");
      return res;
    },
    updateTrackingOnOwnShipment: async (v) => {
      const res = await query("mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { id } } }", {
        input: { shipmentNumber: "B-SHIP", trackingNumber: v, tracking: [{ event: "delivered", eventRecordedAt: "2024-05-01T10:00:00Z" }] },
      });
      expect(res.status).toBe(404);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      return res;
    },
    syncShipmentTracking: async (v) => {
      const res = await query("mutation ($v: ID!) { syncShipmentTracking(shipmentId: $v) { id } }", { v });
      expectNotFound(res, "syncShipmentTracking");
      return res;
    },
    subscribeByShipment: async (v) => {
      const answer = await firstAnswer({ shipmentId: v });
      expect(JSON.stringify(answer)).toContain('"code":"NOT_FOUND"');
      return answer;
    },
    subscribeByTrackingNumber: async (v) => {
      const answer = await firstAnswer({ trackingNumber: v });
      expect(JSON.stringify(answer)).toContain('"code":"NOT_FOUND"');
      return answer;
    },
  };

  it("B gets NOT_FOUND-shaped answers for A's values and near misses, everywhere", async () => {
    const nearMiss = (v: string) => fc.constantFrom(`${v} `, v.toLowerCase(), v.toUpperCase(), `${v}0`, v.slice(0, -1), `${v}%`);
    const value = fc.oneof(fc.constantFrom(...aIdentifiers), fc.constantFrom(...aIdentifiers).chain(nearMiss));
    // Every A value an exact miss could hit, through every probe, plus random near misses.
    const probeNames = Object.keys(probes);
    for (const name of probeNames) for (const v of aIdentifiers) expect(JSON.stringify(await probes[name]!(v))).not.toContain(A_MARKER);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...probeNames), value, async (name, v) => {
        expect(JSON.stringify(await probes[name]!(v))).not.toContain(A_MARKER);
      }),
      { numRuns: 80 },
    );
    expect(await aShipment()).toEqual(aBefore);
  });

  it("a cursor A was given pages nothing for B: the same BAD_USER_INPUT as a made-up cursor", async () => {
    const page = (after: string) => query("query ($after: String) { shipments(first: 5, after: $after) { nodes { id } } }", { after });
    const [stolen, madeUp] = await Promise.all([page(aCursor), page(`${aCursor.slice(0, -2)}xx`)]);
    expect(stolen.status).toBe(400);
    // Identical but for each request's own id.
    const withoutRequestIds = (body: typeof stolen.body) =>
      JSON.parse(JSON.stringify(body).replace(/"requestId":"[^"]*"/g, '"requestId":""'));
    expect(withoutRequestIds(stolen.body)).toEqual(withoutRequestIds(madeUp.body));
    expect(stolen.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "after" }] });
    // A's own cursor still pages for A.
    const own = await gw.graphql(
      "query ($after: String) { shipments(first: 5, after: $after) { nodes { id } } }",
      { after: aCursor },
      aAuth,
    );
    expect(own.body).toEqual({ data: { shipments: { nodes: [] } } });
  });
});
