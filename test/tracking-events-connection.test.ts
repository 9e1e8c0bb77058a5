/**
 * trackingEventsConnection on Shipment and Carton: Relay pages over the same chronological order
 * as the `trackingEvents` list, which keeps answering as it always has.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShipment } from "../src/shipments/create-shipment.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const day = (d: number) => new Date(Date.UTC(2026, 0, d, 9));

const PAGE = `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  shipment(id: $id) {
    trackingEvents { eventId }
    trackingEventsConnection(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { eventId }
    }
    cartons { trackingEvents(last: 2) { eventId } trackingEventsConnection(last: 2) { nodes { eventId } pageInfo { hasPreviousPage } } }
  }
}`;

describe("trackingEventsConnection", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  let id: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
    // Sent out of order on purpose: pages follow eventRecordedAt, not arrival.
    const events = (carton: string, days: number[]) =>
      days.map((d) => ({ event: `scan ${d}`, eventId: `${carton}-${d}`, eventRecordedAt: day(d) }));
    id = await createShipment(
      gw.db,
      { tenantId: "acme", channelId: 12 },
      {
        shipmentNumber: "EV1",
        cartons: [
          { trackingNumber: "1ZEVENTS01", tracking: events("a", [3, 1, 5]) },
          { trackingNumber: "1ZEVENTS02", tracking: events("b", [4, 2]) },
        ],
      },
    );
  });
  afterAll(() => gw.close());

  const page = async (variables: Record<string, unknown>) => {
    const res = await gw.graphql(PAGE, { id, ...variables }, auth);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.shipment;
  };
  const ids = (nodes: { eventId: string }[]) => nodes.map((n) => n.eventId);

  it("pages forwards and backwards over the shipment's events in chronological order", async () => {
    const chronological = ["a-1", "b-2", "a-3", "b-4", "a-5"];
    const first = await page({ first: 2 });
    expect(ids(first.trackingEvents)).toEqual(chronological);
    expect(ids(first.trackingEventsConnection.nodes)).toEqual(["a-1", "b-2"]);
    expect(first.trackingEventsConnection).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const second = await page({ first: 2, after: first.trackingEventsConnection.pageInfo.endCursor });
    expect(ids(second.trackingEventsConnection.nodes)).toEqual(["a-3", "b-4"]);
    const third = await page({ first: 2, after: second.trackingEventsConnection.pageInfo.endCursor });
    expect(ids(third.trackingEventsConnection.nodes)).toEqual(["a-5"]);
    expect(third.trackingEventsConnection.pageInfo.hasNextPage).toBe(false);

    const latest = await page({ last: 3 });
    expect(ids(latest.trackingEventsConnection.nodes)).toEqual(["a-3", "b-4", "a-5"]);
    const earlier = await page({ last: 3, before: latest.trackingEventsConnection.pageInfo.startCursor });
    expect(ids(earlier.trackingEventsConnection.nodes)).toEqual(["a-1", "b-2"]);
    expect(earlier.trackingEventsConnection.pageInfo.hasPreviousPage).toBe(false);
  });

  it("keeps Carton.trackingEvents(last:) a list, and offers the same events as a connection", async () => {
    const { cartons } = await page({ first: 1 });
    expect(cartons.map((c: { trackingEvents: { eventId: string }[] }) => ids(c.trackingEvents))).toEqual([
      ["a-3", "a-5"],
      ["b-2", "b-4"],
    ]);
    expect(
      cartons.map((c: { trackingEventsConnection: { nodes: { eventId: string }[] } }) => ids(c.trackingEventsConnection.nodes)),
    ).toEqual([
      ["a-3", "a-5"],
      ["b-2", "b-4"],
    ]);
    expect(
      cartons.map(
        (c: { trackingEventsConnection: { pageInfo: { hasPreviousPage: boolean } } }) =>
          c.trackingEventsConnection.pageInfo.hasPreviousPage,
      ),
    ).toEqual([true, false]);
  });

  it("loads a first page of events inside the shipment list's one statement", async () => {
    const LIST = "{ shipments(first: 10) { nodes { cartons { trackingEventsConnection(first: 2) { nodes { eventId event } } } } } }";
    await gw.graphql(LIST, {}, auth); // warm the credential cache: count only the query's own work
    gw.statements.length = 0;
    const res = await gw.graphql(LIST, {}, auth);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.shipments.nodes[0].cartons[0].trackingEventsConnection.nodes).toHaveLength(2);
    expect(gw.statements).toHaveLength(1);
  });
});
