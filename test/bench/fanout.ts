/**
 * fanout: N graphql-ws subscribers of `trackingUpdated` on one gateway process (N = 1,000, then
 * 10,000), one `updateTracking` per second; the figure is the time from sending the mutation to
 * each subscriber's message (p50, p99), against a bare `ws` server broadcasting the same payload
 * to the same number of sockets (target ≤ 4×), and the memory each idle subscriber costs the
 * gateway process (target ≤ 16 KB). Both sides' subscribers are the same graphql-ws client, each
 * side in its own load-generator process (one process cannot hold 2 × 10,000 sockets under the
 * 20,000 file-descriptor limit), both on the load core.
 */
import { createServer } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { WebSocketServer, type WebSocket } from "ws";
import type { Delivery } from "./load-child.js";
import { JSON_HEADERS, type BenchContext, type ScenarioResult, type ServerHandle, type ServerStats } from "./runner.js";
import { listen, readBody, type BenchServer } from "./server-kit.js";
import { ratioRow, summarize, type Row } from "./stats.js";
import { knobs } from "./knobs.js";
import type { Child } from "./processes.js";

export const SUBSCRIPTION = /* GraphQL */ `subscription {
  trackingUpdated {
    version previousStatus status source
    shipment { shipmentNumber statusCode trackingStatus }
    events { eventId event eventRecordedAt location status }
  }
}`;

const FIRE = /* GraphQL */ `mutation Fire($input: UpdateTrackingInput!) { updateTracking(input: $input) { duplicateEventIds } }`;
let fired = 0;

/** An updateTracking with one new event: one version bump, so exactly one publication. */
export function triggerBody(target: { shipmentNumber: string; trackingNumber: string }, label: string): string {
  const n = fired++;
  const event = {
    event: n % 2 ? "departed facility" : "arrived at sort facility",
    eventId: `${label}-${n}`,
    eventRecordedAt: new Date(Date.parse("2025-04-01T00:00:00.000Z") + n * 60_000).toISOString(),
    location: "Memphis, TN",
    shipmentCarrier: "UPS",
  };
  const { shipmentNumber, trackingNumber } = target;
  return JSON.stringify({ query: FIRE, variables: { input: { shipmentNumber, trackingNumber, tracking: [event] } } });
}

/**
 * The reference: speaks just enough graphql-ws (ack, subscribe, ping) for the same client to use
 * it; `POST /publish` answers, then sends the posted payload to every subscribed socket as a
 * `next` message, exactly as the gateway frames it.
 */
export async function startBroadcastReference({ authorization }: { authorization: string }): Promise<BenchServer> {
  const subscribed = new Map<WebSocket, string>();
  const server = createServer(async (req, res) => {
    const payload = await readBody(req);
    res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"published":true}}');
    for (const [socket, id] of subscribed) socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
  });
  const wss = new WebSocketServer({ server, path: "/graphql" });
  wss.on("connection", (socket) => {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data));
      if (message.type === "connection_init") {
        if (message.payload?.authorization !== authorization) return socket.close(4403, "Forbidden");
        socket.send('{"type":"connection_ack"}');
      } else if (message.type === "subscribe") subscribed.set(socket, message.id);
      else if (message.type === "complete") subscribed.delete(socket);
      else if (message.type === "ping") socket.send('{"type":"pong"}');
    });
    socket.on("close", () => subscribed.delete(socket));
  });
  const port = await listen(server);
  return {
    port,
    statements: () => 0,
    async close() {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Calls `f` no sooner than `ms` after the previous call began: each side then gets one trigger per second. */
export function paced<T>(ms: number) {
  let last = 0;
  return async (f: () => Promise<T>) => {
    const wait = last + ms - Date.now();
    if (wait > 0) await sleep(wait);
    last = Date.now();
    return f();
  };
}

const KB = 1024;

/**
 * RSS is what an operator pays, but it grows in chunks of whole MiB as V8 enlarges its spaces, so
 * at 1,000 subscribers it is coarse; the heap after two full GCs is exact. The target must hold for
 * both.
 */
function memoryRow(
  size: number,
  baseline: { gateway: ServerStats; reference: ServerStats },
  now: { gateway: ServerStats; reference: ServerStats },
): Row {
  const per = (side: "gateway" | "reference", key: "rss" | "heapUsed") => (now[side][key] - baseline[side][key]) / size / KB;
  return {
    scenario: `fanout ${size}`,
    figure: "KB / idle subscriber (RSS)",
    gateway: summarize([per("gateway", "rss")]),
    reference: summarize([per("reference", "rss")]),
    comparison: `heap after GC: gateway ${per("gateway", "heapUsed").toFixed(1)}, reference ${per("reference", "heapUsed").toFixed(1)}`,
    target: "≤ 16 KB",
    met: per("gateway", "rss") <= 16 && per("gateway", "heapUsed") <= 16,
  };
}

export async function fanout(ctx: BenchContext): Promise<ScenarioResult> {
  const tenant = ctx.seeded.fanout;
  const gateway = await ctx.startServer("gateway", "gateway", { url: ctx.databaseUrl });
  const reference = await ctx.startServer("ws-broadcast", "ws-broadcast", { authorization: tenant.authorization });
  const referenceLoad = await ctx.startLoad("load-2");
  const headers = { ...JSON_HEADERS, authorization: tenant.authorization };
  const subscribe = (load: Child, server: ServerHandle, group: string, total: number) =>
    load.call("subscribe", { group, url: server.wsUrl, total, authorization: tenant.authorization, query: SUBSCRIPTION });
  let payload: unknown;
  const fireGateway = () =>
    ctx.load.call<Delivery>("fire", { group: "fanout", url: gateway.url, headers, body: triggerBody(tenant, "fanout"), timeoutMs: 60_000 });
  const fireReference = () =>
    referenceLoad.call<Delivery>("fire", {
      group: "fanout",
      url: reference.url.replace(/graphql$/, "publish"),
      headers: JSON_HEADERS,
      body: JSON.stringify(payload),
      timeoutMs: 60_000,
    });
  try {
    // Run the code paths once before the baseline, so one-time costs (compiled queries, lazily
    // loaded modules) are not charged to the subscribers.
    await subscribe(ctx.load, gateway, "warm", 10);
    payload = (
      await ctx.load.call<Delivery>("fire", {
        group: "warm",
        url: gateway.url,
        headers,
        body: triggerBody(tenant, "fanout"),
        timeoutMs: 10_000,
      })
    ).payload;
    await ctx.load.call("unsubscribe", "warm");
    await sleep(500);
    const baseline = { gateway: await gateway.stats(true), reference: await reference.stats(true) };
    const rows: Row[] = [];
    const details: Record<string, unknown> = { baseline, payloadBytes: JSON.stringify(payload).length };
    for (const size of knobs.fanoutSizes) {
      const connectStarted = Date.now();
      await subscribe(ctx.load, gateway, "fanout", size);
      await subscribe(referenceLoad, reference, "fanout", size);
      ctx.log(`fanout ${size}: ${size} subscribers on each side in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s`);
      await sleep(1000); // let the last subscriptions register and the sockets go idle
      const memory = { gateway: await gateway.stats(true), reference: await reference.stats(true) };
      const pace = paced<Delivery>(500);
      const { a, b } = await ctx.interleave(
        `fanout ${size}`,
        knobs.fanoutPairs,
        () => pace(fireGateway),
        () => pace(fireReference),
        (d) => `p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, ${d.received}/${d.subscribers}`,
        // A delivery runs the subscription path once per subscriber: the first few run while V8 is
        // still compiling it, and would measure the JIT rather than the gateway.
        3,
      );
      const incomplete = [...a, ...b].filter((d) => d.received < d.subscribers).length;
      const latency = (figure: string, pick: (d: Delivery) => number) => {
        const row = ratioRow(`fanout ${size}`, figure, a.map(pick), b.map(pick), { text: "≤ 4×", ok: (ratio) => ratio <= 4 });
        if (incomplete) {
          row.met = false;
          row.note = `${incomplete} deliveries incomplete`;
        }
        return row;
      };
      rows.push(
        latency("p50 ms, mutation sent → message", (d) => d.p50),
        latency("p99 ms, mutation sent → message", (d) => d.p99),
        memoryRow(size, baseline, memory),
      );
      details[size] = { memory, gateway: a.map(({ payload: _, ...d }) => d), reference: b.map(({ payload: _, ...d }) => d) };
    }
    return { rows, details };
  } finally {
    await referenceLoad.stop();
    await Promise.all([gateway.stop(), reference.stop()]);
  }
}
