/**
 * At least once across a crash: the gateway process is SIGKILLed while a receiver holds a delivery
 * open, and a new process on the same database delivers it again, under the same webhook-id.
 */
import { afterAll, expect, it } from "vitest";
import { issueKeys } from "../src/auth/credentials.js";
import { createDb } from "../src/db/client.js";
import { createTestDatabase } from "./support/database.js";
import { basicHeader } from "./support/gateway.js";
import { startGatewayProcess, waitReady, type GatewayProcess } from "./support/gateway-process.js";
import { startReceiver, verifySignature } from "./support/webhook-receiver.js";

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

it("delivers again after the gateway is killed mid-delivery", { timeout: 120_000 }, async () => {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const { db } = createDb({ url: database.url });
  cleanup.push(() => db.$disconnect());
  const keys = await issueKeys(db, { id: "acme" });
  const auth = { authorization: basicHeader(keys.basic.keyId, keys.basic.secret) };
  const hooks = await startReceiver();
  cleanup.push(() => hooks.close());
  // The first attempt is held open until the gateway dies; every later one is accepted.
  hooks.answer = (_webhook, index) => (index === 0 ? "hang" : 200);

  const env = {
    DATABASE_URL: database.url,
    DEMO: "false",
    TRACKING_POLL: "false",
    WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
    WEBHOOK_TIMEOUT_MS: "1000",
    WEBHOOK_RETRY_DELAY_SECONDS: "1",
  };
  const start = async () => {
    const gateway = await startGatewayProcess(env);
    cleanup.push(async () => {
      gateway.child.kill("SIGKILL");
      await gateway.exited();
    });
    await waitReady(gateway.url);
    return gateway;
  };
  const graphql = async (gateway: GatewayProcess, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  const first = await start();
  const { createWebhookEndpoint } = await graphql(
    first,
    `mutation ($url: String!) { createWebhookEndpoint(url: $url, eventTypes: ["tracking.updated"]) { secret } }`,
    { url: hooks.url },
  );
  await graphql(first, "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }", {
    input: { shipmentNumber: "CRASH-1", cartons: [{ trackingNumber: "1ZCRASH0001", shipmentCarrier: "UPS" }] },
  });
  await graphql(first, "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { version } } }", {
    input: {
      shipmentNumber: "CRASH-1",
      trackingNumber: "1ZCRASH0001",
      tracking: [{ event: "picked up", eventId: "crash-1", eventRecordedAt: "2024-01-01T10:00:00Z" }],
    },
  });
  await expect.poll(() => hooks.received.length, { timeout: 20_000 }).toBe(1);
  first.child.kill("SIGKILL");
  await first.exited();

  await start();
  await expect.poll(() => hooks.received.length, { timeout: 60_000, interval: 250 }).toBe(2);
  const [held, again] = hooks.received;
  expect(again!.headers["webhook-id"]).toBe(held!.headers["webhook-id"]);
  expect(again!.body).toBe(held!.body);
  expect(verifySignature(createWebhookEndpoint.secret, again!)).toBe(true);
  await expect
    .poll(async () => (await db.webhookDelivery.findMany({ select: { status: true } })).map((d) => d.status), { timeout: 10_000 })
    .toEqual(["DELIVERED"]);
});
