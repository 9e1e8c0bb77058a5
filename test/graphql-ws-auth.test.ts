/**
 * graphql-ws credentials in both places a client may put them: the connection_init payload (graphql-ws
 * clients, Apollo, urql) or, with an empty connection_init, each subscribe message's
 * `payload.extensions.headers` (yoga's GraphiQL: it sends `connection_init` with `{}` and merges the
 * tab's headers into every operation's extensions).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CreateShipmentDocument, UpdateTrackingDocument } from "./generated/graphql.js";
import { basicHeader, expectNoErrors, startTestGateway, type TestGateway } from "./support/gateway.js";
import { openProtocolSocket, type ProtocolSocket } from "./support/subscriptions.js";

const SUBSCRIPTION = `subscription ($shipmentId: ID) { trackingUpdated(shipmentId: $shipmentId) { version shipment { shipmentNumber } } }`;

describe("graphql-ws authentication", () => {
  let gw: TestGateway;
  let acme: Awaited<ReturnType<TestGateway["tenant"]>>;
  let shipmentId: string;
  let pushes = 0;
  const push = async () => {
    pushes += 1;
    const { updateTracking } = expectNoErrors(
      await gw.execute(
        UpdateTrackingDocument,
        {
          input: {
            shipmentNumber: "WS-AUTH-1",
            trackingNumber: "1ZWSAUTH0001",
            tracking: [
              {
                event: `scan ${pushes}`,
                eventId: `ws-auth-${pushes}`,
                eventRecordedAt: new Date(Date.UTC(2024, 0, 1, pushes)).toISOString(),
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
  /**
   * Pushes tracking until subscription `id` receives an update: the server registers a subscriber
   * only after authenticating it (scrypt) and looking up its shipment, which has no acknowledgement.
   */
  const pushUntilDelivered = async (ws: ProtocolSocket, id: string) => {
    const versions: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      versions.push(await push());
      const next = await ws.expectMessage((m) => m.type === "next" && m.id === id, 500).catch(() => undefined);
      if (next) return { next, versions };
    }
    throw new Error(`subscription ${id} received nothing: ${JSON.stringify(ws.messages)}`);
  };
  const subscribeMessage = (id: string, headers?: Record<string, string>) => ({
    id,
    type: "subscribe",
    payload: { query: SUBSCRIPTION, variables: { shipmentId }, ...(headers ? { extensions: { headers } } : {}) },
  });

  const sockets: ProtocolSocket[] = [];
  const opened = async (url: string) => {
    const ws = await openProtocolSocket(url);
    sockets.push(ws);
    return ws;
  };
  afterEach(() => {
    sockets.splice(0).forEach((ws) => {
      ws.socket.close();
    });
  });

  beforeAll(async () => {
    gw = await startTestGateway();
    acme = await gw.tenant("acme");
    const input = { shipmentNumber: "WS-AUTH-1", cartons: [{ trackingNumber: "1ZWSAUTH0001", shipmentCarrier: "UPS" }] };
    shipmentId = expectNoErrors(await gw.execute(CreateShipmentDocument, { input }, acme.basic)).createShipment.id;
  });
  afterAll(() => gw.close());

  it("takes credentials from the connection_init payload", async () => {
    const ws = await opened(gw.url);
    ws.send({ type: "connection_init", payload: acme.basic });
    await ws.expectMessage((m) => m.type === "connection_ack");
    ws.send(subscribeMessage("s1"));
    const { next, versions } = await pushUntilDelivered(ws, "s1");
    expect(next.payload.data.trackingUpdated.shipment).toEqual({ shipmentNumber: "WS-AUTH-1" });
    expect(versions).toContain(next.payload.data.trackingUpdated.version);
  });

  it("with an empty connection_init (as GraphiQL sends it), authenticates each subscribe by its extensions.headers", async () => {
    const ws = await opened(gw.url);
    ws.send({ type: "connection_init", payload: {} });
    await ws.expectMessage((m) => m.type === "connection_ack");
    // GraphiQL keeps the header names as typed in its editor.
    ws.send(subscribeMessage("tab-1", { Authorization: acme.basic.authorization! }));
    const { next, versions } = await pushUntilDelivered(ws, "tab-1");
    expect(next.payload.data.trackingUpdated.shipment).toEqual({ shipmentNumber: "WS-AUTH-1" });
    expect(versions).toContain(next.payload.data.trackingUpdated.version);
  });

  it("accepts a connection_init with no payload at all, and the fabric bearer headers per operation", async () => {
    const ws = await opened(gw.url);
    ws.send({ type: "connection_init" });
    await ws.expectMessage((m) => m.type === "connection_ack");
    ws.send(subscribeMessage("bearer", acme.bearer));
    const { next, versions } = await pushUntilDelivered(ws, "bearer");
    expect(versions).toContain(next.payload.data.trackingUpdated.version);
  });

  it("errors only the operation whose headers are missing or wrong; the socket and its other operations go on", async () => {
    const ws = await opened(gw.url);
    ws.send({ type: "connection_init", payload: {} });
    await ws.expectMessage((m) => m.type === "connection_ack");
    ws.send(subscribeMessage("good", acme.basic));
    ws.send(subscribeMessage("none"));
    ws.send(subscribeMessage("wrong", { authorization: basicHeader(acme.keys.basic.keyId, "not-the-secret") }));
    ws.send(subscribeMessage("foreign-tenant", { ...acme.bearer, "x-fabric-tenant-id": "globex" }));

    const none = await ws.expectMessage((m) => m.type === "error" && m.id === "none");
    expect(none.payload[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", type: "authentication_error" });
    const wrong = await ws.expectMessage((m) => m.type === "error" && m.id === "wrong");
    expect(wrong.payload[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", type: "authentication_error" });
    const foreign = await ws.expectMessage((m) => m.type === "error" && m.id === "foreign-tenant");
    expect(foreign.payload[0].extensions).toMatchObject({ code: "FORBIDDEN", type: "forbidden_error" });

    const { next, versions } = await pushUntilDelivered(ws, "good");
    expect(versions).toContain(next.payload.data.trackingUpdated.version);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
  });

  it("ends open sockets with 1001 when the gateway shuts down, instead of waiting for them", async () => {
    const other = await startTestGateway();
    const tenant = await other.tenant("acme");
    const ws = await openProtocolSocket(other.url);
    ws.send({ type: "connection_init", payload: tenant.basic });
    await ws.expectMessage((m) => m.type === "connection_ack");
    ws.send({ id: "live", type: "subscribe", payload: { query: "subscription { trackingUpdated { version } }" } });
    await other.close();
    expect((await ws.closed).code).toBe(1001);
  });

  it("closes the socket with 4403 when connection_init carries bad credentials", async () => {
    const ws = await opened(gw.url);
    ws.send({ type: "connection_init", payload: { authorization: basicHeader(acme.keys.basic.keyId, "not-the-secret") } });
    expect((await ws.closed).code).toBe(4403);
  });
});
