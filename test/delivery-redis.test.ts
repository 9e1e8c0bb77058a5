/**
 * Two instances on one PostgreSQL and a private Redis that is killed and restarted (never the
 * machine's shared one): the instances stay up, writes keep committing, subscriptions opened during
 * the outage stay open, and afterwards every subscriber on both instances has every committed update
 * exactly once, in order. Needs redis-server on PATH; runs when REDIS_URL is set (.ci/run sets it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecondInstance, startTestGateway, type SecondInstance, type TestGateway } from "./support/gateway.js";
import { connect, subscribe } from "./support/subscriptions.js";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.warn("[delivery-redis] skipped: REDIS_URL is not set, so Redis tests are off in this run");

const SUBSCRIPTION = `subscription ($afterSequence: Int) { trackingUpdated(afterSequence: $afterSequence) { sequence version } }`;
const CREATE = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }";
const PUSH = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { version } } }";
const RELAY = { graceMs: 200, sweepIntervalMs: 200 };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    redis.stdout!.on("data", (chunk) => String(chunk).includes("Ready to accept connections") && resolve());
    redis.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return redis;
}

async function kill(redis: ChildProcess) {
  const exited = new Promise((resolve) => redis.once("exit", resolve));
  redis.kill("SIGKILL");
  await exited;
}

describe.skipIf(!REDIS_URL)("delivery through a Redis outage", () => {
  let port: number;
  let redis: ChildProcess;
  let a: TestGateway;
  let b: SecondInstance;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    a = await startTestGateway({ redisUrl: url, relay: RELAY });
    b = await startSecondInstance(a, url, { relay: RELAY });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    if (redis.exitCode === null) await kill(redis);
  });

  it("every update committed during the outage reaches subscribers on both instances once Redis is back", async () => {
    const t = await a.tenant("outage");
    await a.graphql(CREATE, { input: { shipmentNumber: "OUT-1", cartons: [{ trackingNumber: "1ZOUTAGE1" }] } }, t.basic);
    let counter = 0;
    const push = async (
      via: (q: string, v: Record<string, unknown>, h: Record<string, string>) => Promise<{ status: number; body: any }>,
    ) => {
      counter += 1;
      const res = await via(
        PUSH,
        {
          input: {
            shipmentNumber: "OUT-1",
            trackingNumber: "1ZOUTAGE1",
            tracking: [
              { event: "in transit", eventId: `out-${counter}`, eventRecordedAt: new Date(Date.UTC(2024, 0, 1, counter)).toISOString() },
            ],
          },
        },
        t.basic,
      );
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    };

    // From the start of the log, so how long a subscription takes to go live does not matter.
    const onA = await subscribe(connect(a.url, t.basic), SUBSCRIPTION, { afterSequence: 0 });
    const onB = await subscribe(connect(b.url, t.basic), SUBSCRIPTION, { afterSequence: 0 });
    await push(a.graphql);
    await push(b.graphql);
    await Promise.all([onA.waitFor(2), onB.waitFor(2)]);

    await kill(redis);
    await push(a.graphql);
    await push(a.graphql);
    await push(b.graphql);
    // Opened during the outage: it must not fail, and it resumes from the log.
    const resumedOnB = await subscribe(connect(b.url, t.basic), SUBSCRIPTION, { afterSequence: 1 });

    redis = await startRedis(port);
    await push(a.graphql);
    const all = [1, 2, 3, 4, 5, 6];
    await Promise.all([onA.waitFor(6, 20_000), onB.waitFor(6, 20_000), resumedOnB.waitFor(5, 20_000)]);
    await new Promise((r) => setTimeout(r, 500)); // late duplicates would have arrived by now
    const sequences = (s: typeof onA) => s.received.map((r) => r.data.trackingUpdated.sequence);
    expect(sequences(onA)).toEqual(all);
    expect(sequences(onB)).toEqual(all);
    expect(sequences(resumedOnB)).toEqual(all.slice(1));
    const unpublished = await a.db.trackingUpdateLog.count({ where: { tenantId: "outage", publishedAt: null } });
    expect(unpublished).toBe(0);
    await Promise.all([onA.close(), onB.close(), resumedOnB.close()]);
  });
});
