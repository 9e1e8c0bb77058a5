import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateShipmentDocument, UpdateTrackingDocument } from "./generated/graphql.js";
import { expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";
import { connect, subscribe, wsUrl } from "./support/subscriptions.js";

const SUBSCRIPTION = `subscription ($shipmentId: ID, $trackingNumber: String, $afterVersion: Int) {
  trackingUpdated(shipmentId: $shipmentId, trackingNumber: $trackingNumber, afterVersion: $afterVersion) {
    version source previousStatus status
    shipment { id shipmentNumber version trackingStatus cartons { trackingNumber trackingStatus } }
    events { eventId event status }
  }
}`;

describe("trackingUpdated over graphql-ws", () => {
  let gw: TestGateway;
  let acme: Awaited<ReturnType<TestGateway["tenant"]>>;
  let globex: Awaited<ReturnType<TestGateway["tenant"]>>;
  let shipmentId: string;
  let counter = 0;
  const push = async (event: string, trackingNumber = "1ZSUB0000001") => {
    counter += 1;
    const { updateTracking } = expectNoErrors(
      await gw.execute(
        UpdateTrackingDocument,
        {
          input: {
            shipmentNumber: "SUB-1",
            trackingNumber,
            tracking: [
              {
                event,
                eventId: `sub-${counter}`,
                eventRecordedAt: new Date(Date.UTC(2024, 0, 1, counter)).toISOString(),
                shipmentCarrier: "UPS",
              },
            ],
          },
        },
        acme.basic,
      ),
    );
    return updateTracking.shipments[0]!.version;
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    acme = await gw.tenant("acme");
    globex = await gw.tenant("globex");
    const { createShipment } = expectNoErrors(
      await gw.execute(
        CreateShipmentDocument,
        {
          input: {
            shipmentNumber: "SUB-1",
            cartons: [
              { trackingNumber: "1ZSUB0000001", shipmentCarrier: "UPS" },
              { trackingNumber: "1ZSUB0000002", shipmentCarrier: "UPS" },
            ],
          },
        },
        acme.basic,
      ),
    );
    shipmentId = createShipment.id;
  });
  afterAll(() => gw.close());

  it("speaks the protocol: connection_ack, then next messages for the subscription id", async () => {
    const socket = new WebSocket(wsUrl(gw.url), "graphql-transport-ws");
    const messages: any[] = [];
    socket.on("message", (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: acme.basic }));
    await expect.poll(() => messages[0]).toEqual({ type: "connection_ack" });
    socket.send(JSON.stringify({ id: "s1", type: "subscribe", payload: { query: SUBSCRIPTION, variables: { shipmentId } } }));
    await new Promise((r) => setTimeout(r, 200));
    const version = await push("picked up");
    await expect
      .poll(() => messages[1])
      .toMatchObject({
        id: "s1",
        type: "next",
        payload: {
          data: {
            trackingUpdated: {
              version,
              source: "PUSH",
              previousStatus: null,
              status: "IN_TRANSIT",
              events: [{ event: "picked up", status: "IN_TRANSIT" }],
            },
          },
        },
      });
    socket.send(JSON.stringify({ id: "s1", type: "complete" }));
    socket.close();
  });

  it("also streams over server-sent events, with HTTP credentials", async () => {
    const abort = new AbortController();
    const response = await fetch(gw.url, {
      method: "POST",
      headers: { ...acme.basic, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { shipmentId } }),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    await new Promise((r) => setTimeout(r, 200));
    const version = await push("arrived at facility");
    let text = "";
    while (!text.includes('"trackingUpdated"')) text += new TextDecoder().decode((await reader.read()).value);
    const data = JSON.parse(
      text
        .split("\n")
        .find((line) => line.startsWith("data:") && line.includes("trackingUpdated"))!
        .slice(5),
    );
    expect(data.data.trackingUpdated).toMatchObject({ version, source: "PUSH", events: [{ event: "arrived at facility" }] });
    abort.abort();
  });

  it("closes with 4403 when connection_init carries bad credentials", async () => {
    const socket = new WebSocket(wsUrl(gw.url), "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: `Basic ${Buffer.from("acme:wrong").toString("base64")}` } }),
    );
    const [code] = await new Promise<[number, string]>((resolve) => socket.once("close", (c, r) => resolve([c, String(r)])));
    expect(code).toBe(4403);
  });

  it("delivers to the tenant's subscribers, never to another tenant's", async () => {
    const own = await subscribe(connect(gw.url, acme.basic), SUBSCRIPTION);
    const byNumber = await subscribe(connect(gw.url, acme.bearer), SUBSCRIPTION, { trackingNumber: "1ZSUB0000002" });
    const other = await subscribe(connect(gw.url, globex.basic), SUBSCRIPTION);
    const version = await push("arrived at hub");
    const [update] = await own.waitFor(1);
    expect(update.data.trackingUpdated).toMatchObject({
      version,
      shipment: { id: shipmentId, version },
      events: [{ event: "arrived at hub" }],
    });
    const second = await push("out for delivery", "1ZSUB0000002");
    const [onCarton] = await byNumber.waitFor(1);
    expect(onCarton.data.trackingUpdated.version).toBe(second); // the first push touched another carton
    await own.waitFor(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(other.received).toEqual([]);
    await Promise.all([own.close(), byNumber.close(), other.close()]);
  });

  it("does not publish duplicates", async () => {
    const sub = await subscribe(connect(gw.url, acme.basic), SUBSCRIPTION, { shipmentId });
    counter -= 1; // re-send the previous event
    await push("out for delivery", "1ZSUB0000002");
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.received).toEqual([]);
    await sub.close();
  });

  it("afterVersion replays exactly the missed versions in order, then goes live", async () => {
    const current = (await gw.db.shipment.findUniqueOrThrow({ where: { id: shipmentId } })).version;
    const missedFrom = current - 2;
    const sub = await subscribe(connect(gw.url, acme.basic), SUBSCRIPTION, { shipmentId, afterVersion: missedFrom });
    const replayed = await sub.waitFor(2);
    expect(replayed.map((r) => r.data.trackingUpdated.version)).toEqual([missedFrom + 1, missedFrom + 2]);
    expect(replayed[1].data.trackingUpdated.events).toEqual([
      { eventId: expect.any(String), event: "out for delivery", status: "OUT_FOR_DELIVERY" },
    ]);
    const live = await push("delivered");
    const all = await sub.waitFor(3);
    expect(all.map((r) => r.data.trackingUpdated.version)).toEqual([missedFrom + 1, missedFrom + 2, live]);
    await sub.close();
  });

  it("answers NOT_FOUND for another tenant's shipment and BAD_USER_INPUT for afterVersion without a shipment", async () => {
    const notMine = await subscribe(connect(gw.url, globex.basic), SUBSCRIPTION, { shipmentId });
    await expect(notMine.waitFor(1)).rejects.toSatisfy((e: any) => JSON.stringify(e).includes("NOT_FOUND"));
    const noShipment = await subscribe(connect(gw.url, acme.basic), SUBSCRIPTION, { afterVersion: 1 });
    await expect(noShipment.waitFor(1)).rejects.toSatisfy((e: any) => JSON.stringify(e).includes("BAD_USER_INPUT"));
  });

  /** Shipment and events are loaded once per published update and selection, for any number of subscribers. */
  const STATEMENTS_PER_PUBLISHED_UPDATE = 2;
  it(`costs ${STATEMENTS_PER_PUBLISHED_UPDATE} SQL statements per published update, for 1 subscriber as for 100`, async () => {
    /** Every statement of one updateTracking and its fan-out to `subscribers` live subscriptions. */
    const statementsWith = async (subscribers: number) => {
      const client = connect(gw.url, acme.basic);
      const subs = await Promise.all(Array.from({ length: subscribers }, () => subscribe(client, SUBSCRIPTION)));
      gw.statements.length = 0;
      await push("scan");
      await Promise.all(subs.map((s) => s.waitFor(1)));
      await new Promise((r) => setTimeout(r, 100));
      // Credential re-checks (a verified key's periodic re-read, open sockets' revocation check) come
      // on their own clock, whatever the fan-out; on a slow machine one may fall inside this window.
      const count = gw.statements.filter((sql) => !sql.includes('"ApiCredential"')).length;
      await client.dispose();
      return count;
    };
    await statementsWith(0); // warm caches (credentials) so every run does the same work
    const none = await statementsWith(0);
    const one = await statementsWith(1);
    const hundred = await statementsWith(100);
    expect(one - none).toBe(STATEMENTS_PER_PUBLISHED_UPDATE);
    expect(hundred).toBe(one);
  });
});
