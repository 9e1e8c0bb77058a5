/**
 * Webhook delivery throughput and latency, against a receiver on 127.0.0.1 (not run by npm test):
 *   npx tsx test/bench/webhooks.ts
 * - deliveries/s: DELIVERIES changes are committed while delivery is off, then the dispatcher starts
 *   and drains them; compared with a bare POST loop of the same bodies from this process, at the
 *   same concurrency (what signing, recording and pg-boss cost on top of HTTP).
 * - commit → delivery: with the dispatcher running, RATE changes per second for a while; each
 *   delivery's receive time minus its payload's commit timestamp (same clock), p50 and p99.
 */
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { createApp } from "../../src/app.js";
import { issueKeys } from "../../src/auth/credentials.js";
import { createDb } from "../../src/db/client.js";
import { DELIVERY_DEFAULTS } from "../../src/webhooks/dispatcher.js";
import { createBenchDatabase } from "./database.js";
import { percentile } from "./stats.js";

const DELIVERIES = Number(process.env.DELIVERIES ?? 1_000);
const SHIPMENTS = 50;
const RATE = Number(process.env.RATE ?? 20);
const STEADY_SECONDS = 10;
const DELIVERIES_CONCURRENCY = DELIVERY_DEFAULTS.concurrency;

async function receiver() {
  const arrivals: { at: number; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      arrivals.push({ at: Date.now(), body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
  return { url, arrivals, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function until(condition: () => boolean) {
  while (!condition()) await sleep(5);
}

/** The reference: the same bodies POSTed by `concurrency` loops with keep-alive, nothing else. */
async function barePostLoop(url: string, bodies: string[], concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        await new Promise<void>((resolve, reject) => {
          const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) =>
            res.resume().on("end", resolve),
          );
          req.on("error", reject).end(body);
        });
      }
    }),
  );
  agent.destroy();
  return bodies.length / ((performance.now() - started) / 1000);
}

async function main() {
  const database = await createBenchDatabase();
  const { db, pool } = createDb({ url: database.url, maxConnections: 20 });
  const hooks = await receiver();
  const keys = await issueKeys(db, { id: "bench" });
  const authorization = `Basic ${Buffer.from(`${keys.basic.keyId}:${keys.basic.secret}`).toString("base64")}`;
  const app = (deliver: boolean) =>
    createApp({
      db,
      pool,
      logger: pino({ level: "warn" }),
      rateLimit: { points: 1_000_000, durationSeconds: 60 },
      production: true,
      webhooks: { deliver, allowHosts: ["127.0.0.1"] },
    });
  let counter = 0;
  const graphql = async (url: string, query: string, variables: object) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const push = (url: string) => {
    const n = counter++;
    const event = {
      event: n % 2 ? "departed facility" : "arrived at facility",
      eventId: `b-${n}`,
      eventRecordedAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
      shipmentCarrier: "UPS",
    };
    return graphql(url, "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { duplicateEventIds } }", {
      input: { shipmentNumber: `B-${n % SHIPMENTS}`, trackingNumber: `1ZB${n % SHIPMENTS}`, tracking: [event] },
    });
  };

  // Phase 1: a backlog committed with delivery off, then drained.
  const writer = app(false);
  const writerUrl = `http://127.0.0.1:${await writer.listen(0, "127.0.0.1")}/graphql`;
  await graphql(writerUrl, 'mutation ($url: String!) { createWebhookEndpoint(url: $url, eventTypes: ["tracking.updated"]) { secret } }', {
    url: hooks.url,
  });
  for (let i = 0; i < SHIPMENTS; i++) {
    await graphql(writerUrl, "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }", {
      input: { shipmentNumber: `B-${i}`, cartons: [{ trackingNumber: `1ZB${i}`, shipmentCarrier: "UPS" }] },
    });
  }
  for (let i = 0; i < DELIVERIES; i += 10) await Promise.all(Array.from({ length: Math.min(10, DELIVERIES - i) }, () => push(writerUrl)));
  await writer.close();
  const sender = app(true);
  const drainStarted = performance.now();
  const senderUrl = `http://127.0.0.1:${await sender.listen(0, "127.0.0.1")}/graphql`;
  await until(() => hooks.arrivals.length >= DELIVERIES);
  const deliveriesPerSecond = DELIVERIES / ((performance.now() - drainStarted) / 1000);
  const bodies = hooks.arrivals.map((arrival) => arrival.body);
  const barePerSecond = await barePostLoop(hooks.url, bodies, DELIVERIES_CONCURRENCY);

  // Phase 2: steady load with the dispatcher running.
  hooks.arrivals.length = 0;
  const steady = RATE * STEADY_SECONDS;
  for (let i = 0; i < steady; i++) {
    void push(senderUrl);
    await sleep(1000 / RATE);
  }
  await until(() => hooks.arrivals.length >= steady);
  const latencies = hooks.arrivals.map((arrival) => arrival.at - Date.parse(JSON.parse(arrival.body).timestamp));

  console.log(`database: ${database.source} (PostgreSQL ${database.version})`);
  console.log(`drain of ${DELIVERIES} deliveries (concurrency ${DELIVERIES_CONCURRENCY}): ${deliveriesPerSecond.toFixed(0)}/s`);
  console.log(
    `bare POST loop, same bodies and concurrency: ${barePerSecond.toFixed(0)}/s (ratio ${(barePerSecond / deliveriesPerSecond).toFixed(1)}x)`,
  );
  console.log(
    `commit → delivery at ${RATE}/s for ${STEADY_SECONDS}s: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
  );
  await sender.close();
  await hooks.close();
  await db.$disconnect();
  await database.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
