/**
 * Delivery from the log: a change committed but never published (its process died in between) still
 * reaches subscribers; a tenant-wide subscriber resumes with afterSequence and misses and repeats
 * nothing; a subscriber too slow to keep up is closed with 4470 and resumes where it stopped.
 */
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrackingIngestor } from "../src/tracking/ingest.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";
import { connect, subscribe, wsUrl } from "./support/subscriptions.js";

const SUBSCRIPTION = `subscription ($afterSequence: Int) {
  trackingUpdated(afterSequence: $afterSequence) { sequence version shipment { shipmentNumber } }
}`;
const CREATE = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }";
const PUSH = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { version } } }";
const MAX_PENDING = 5;

const sequences = (received: any[]) => received.map((r) => r.data.trackingUpdated.sequence);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("delivery from the log", () => {
  let gw: TestGateway;
  let counter = 0;

  /** A tenant with `shipments` shipments, and a push of one new event to one of them. */
  async function tenantWith(id: string, shipments = 1) {
    const keys = await gw.tenant(id);
    const ids: string[] = [];
    for (let n = 0; n < shipments; n++) {
      const res = await gw.graphql(
        CREATE,
        { input: { shipmentNumber: `${id}-${n}`, cartons: [{ trackingNumber: `1Z${id.toUpperCase()}${n}` }] } },
        keys.basic,
      );
      ids.push(res.body.data.createShipment.id);
    }
    const push = async (n = 0) => {
      counter += 1;
      const res = await gw.graphql(
        PUSH,
        {
          input: {
            shipmentNumber: `${id}-${n}`,
            trackingNumber: `1Z${id.toUpperCase()}${n}`,
            tracking: [
              { event: "in transit", eventId: `d-${counter}`, eventRecordedAt: new Date(Date.UTC(2024, 0, 1, 0, counter)).toISOString() },
            ],
          },
        },
        keys.basic,
      );
      expect(res.body.errors).toBeUndefined();
    };
    return { ...keys, ids, push };
  }

  beforeAll(async () => {
    gw = await startTestGateway({ relay: { graceMs: 100, sweepIntervalMs: 100 }, maxPendingUpdates: MAX_PENDING });
  });
  afterAll(() => gw.close());

  it("publishes a change whose process died between commit and publish", async () => {
    const t = await tenantWith("crash");
    const live = await subscribe(connect(gw.url, t.basic), SUBSCRIPTION);
    const dying = new TrackingIngestor(gw.pool, {
      publish: () => {
        throw new Error("killed between commit and publish");
      },
    });
    await expect(
      dying.ingest({
        tenantId: "crash",
        shipmentId: t.ids[0]!,
        source: "PUSH",
        cartons: [{ trackingNumber: "1ZCRASH0", events: [{ event: "picked up", eventRecordedAt: new Date("2024-01-01T00:00:00Z") }] }],
      }),
    ).rejects.toThrow("killed");
    const [update] = await live.waitFor(1);
    expect(update.data.trackingUpdated).toEqual({ sequence: 1, version: 2, shipment: { shipmentNumber: "crash-0" } });
    // The sweep that published it marks it once its transaction commits.
    const publishedAt = async () =>
      (await gw.db.trackingUpdateLog.findUniqueOrThrow({ where: { tenantId_sequence: { tenantId: "crash", sequence: 1 } } })).publishedAt;
    await expect.poll(publishedAt).not.toBeNull();
    await t.push();
    await live.waitFor(2);
    expect(sequences(live.received)).toEqual([1, 2]);
    await live.close();
  });

  it("resumes a tenant-wide subscription after the last sequence seen: nothing missed, nothing twice", async () => {
    const t = await tenantWith("resume", 3);
    for (const n of [0, 1, 2]) await t.push(n);
    const first = await subscribe(connect(gw.url, t.basic), SUBSCRIPTION);
    await t.push(0);
    await t.push(1);
    expect(sequences(await first.waitFor(2))).toEqual([4, 5]);
    await first.close();
    for (const n of [2, 0, 1]) await t.push(n); // while disconnected

    const resumed = await subscribe(connect(gw.url, t.basic), SUBSCRIPTION, { afterSequence: 5 });
    const fromStart = await subscribe(connect(gw.url, t.basic), SUBSCRIPTION, { afterSequence: 0 });
    await t.push(2);
    await resumed.waitFor(4);
    await fromStart.waitFor(9);
    await new Promise((r) => setTimeout(r, 300)); // anything extra would have arrived by now
    expect(sequences(resumed.received)).toEqual([6, 7, 8, 9]);
    expect(resumed.received.map((r) => r.data.trackingUpdated.shipment.shipmentNumber)).toEqual([
      "resume-2",
      "resume-0",
      "resume-1",
      "resume-2",
    ]);
    expect(sequences(fromStart.received)).toEqual(range(1, 9));
    await Promise.all([resumed.close(), fromStart.close()]);
  });

  it("rejects a negative afterSequence", async () => {
    const t = await tenantWith("bad-resume");
    const sub = await subscribe(connect(gw.url, t.basic), SUBSCRIPTION, { afterSequence: -1 });
    await expect(sub.waitFor(1)).rejects.toMatchObject([
      { extensions: { code: "BAD_USER_INPUT", details: [{ path: "afterSequence", message: "must not be negative" }] } },
    ]);
  });

  it(`closes a subscriber that lets more than ${MAX_PENDING} updates pile up with 4470, and it resumes from its last sequence`, async () => {
    const t = await tenantWith("slow", 10);
    const backlog = 300;
    for (let round = 0; round < backlog / 10; round++) await Promise.all(range(0, 9).map((n) => t.push(n)));

    // A raw socket, to see the close code: the replay of the backlog keeps this subscription busy
    // while live updates queue up behind it.
    const socket = new WebSocket(wsUrl(gw.url), "graphql-transport-ws");
    const received: number[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once("close", (code, reason) => resolve({ code, reason: String(reason) })),
    );
    socket.on("message", (data) => {
      const message = JSON.parse(String(data));
      if (message.type === "connection_ack") {
        socket.send(JSON.stringify({ id: "s", type: "subscribe", payload: { query: SUBSCRIPTION, variables: { afterSequence: 0 } } }));
      } else if (message.type === "next") received.push(message.payload.data.trackingUpdated.sequence);
    });
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: t.basic }));
    await expect.poll(() => received.length).toBeGreaterThan(0);
    await Promise.all(range(0, 9).map((n) => t.push(n)));

    const { code, reason } = await closed;
    expect(code).toBe(4470);
    expect(reason).toMatch(/resume with afterSequence/);
    expect(received).toEqual(range(1, received.length)); // in order, no gap, no repeat until the close
    expect(received.length).toBeLessThan(backlog + 10);

    const last = received.at(-1)!;
    const resumed = await subscribe(connect(gw.url, t.basic), SUBSCRIPTION, { afterSequence: last });
    await resumed.waitFor(backlog + 10 - last, 20_000);
    expect(sequences(resumed.received)).toEqual(range(last + 1, backlog + 10));
    await resumed.close();
  });
});
