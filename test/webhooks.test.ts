/**
 * Signed webhooks, end to end: endpoints managed over GraphQL, deliveries made from the update log
 * by pg-boss jobs and POSTed to a real receiver on 127.0.0.1, checked for signature, retries,
 * redelivery, order per shipment, SSRF refusals and tenant isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook } from "../src/webhooks/send.js";
import { isPublicAddress, WebhookTargets } from "../src/webhooks/target.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";
import { startReceiver, verifySignature, type WebhookReceiver } from "./support/webhook-receiver.js";

const CREATE_ENDPOINT = `mutation ($url: String!, $eventTypes: [String!]!) {
  createWebhookEndpoint(url: $url, eventTypes: $eventTypes) { secret endpoint { id url eventTypes } }
}`;
const ENDPOINTS = "{ webhookEndpoints { id url } }";
const DELIVERIES = `query ($endpointId: ID, $status: WebhookDeliveryStatus) {
  webhookDeliveries(endpointId: $endpointId, status: $status) { id status attempts responseStatus latencyMs lastError sequence eventType }
}`;
const REDELIVER = "mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }";
const ROTATE = "mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id } } }";
const DELETE = "mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }";
const CREATE_SHIPMENT = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }";
const PUSH = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { version } } }";

type Tenant = Awaited<ReturnType<TestGateway["tenant"]>>;

describe("webhooks", () => {
  let gw: TestGateway;
  let acme: Tenant;
  let globex: Tenant;
  let counter = 0;
  const receivers: WebhookReceiver[] = [];

  const receiver = async () => {
    const started = await startReceiver();
    receivers.push(started);
    return started;
  };
  const endpoint = async (tenant: Tenant, url: string, eventTypes = ["tracking.updated"]) => {
    const res = await gw.graphql(CREATE_ENDPOINT, { url, eventTypes }, tenant.basic);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
  };
  const shipment = async (tenant: Tenant, shipmentNumber: string) => {
    const res = await gw.graphql(
      CREATE_SHIPMENT,
      { input: { shipmentNumber, cartons: [{ trackingNumber: `1Z${shipmentNumber}`, shipmentCarrier: "UPS" }] } },
      tenant.basic,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data.createShipment.id as string;
  };
  const push = async (tenant: Tenant, shipmentNumber: string, event: string) => {
    counter += 1;
    const tracking = [
      { event, eventId: `wh-${counter}`, eventRecordedAt: new Date(Date.UTC(2024, 0, 1, counter)).toISOString(), shipmentCarrier: "UPS" },
    ];
    const res = await gw.graphql(PUSH, { input: { shipmentNumber, trackingNumber: `1Z${shipmentNumber}`, tracking } }, tenant.basic);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.updateTracking.shipments[0].version as number;
  };
  const deliveries = async (tenant: Tenant, variables: Record<string, unknown>) => {
    const res = await gw.graphql(DELIVERIES, variables, tenant.basic);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.webhookDeliveries as {
      id: string;
      status: string;
      attempts: number;
      responseStatus: number | null;
      lastError: string | null;
      sequence: number;
    }[];
  };

  beforeAll(async () => {
    gw = await startTestGateway({
      webhooks: { deliver: true, allowHosts: ["127.0.0.1"], timeoutMs: 700, retryLimit: 1, retryDelaySeconds: 1, fanOutIntervalMs: 100 },
    });
    acme = await gw.tenant("acme");
    globex = await gw.tenant("globex");
  });
  afterAll(async () => {
    await gw.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it("delivers a tracking change, signed, with the trackingUpdated data and the tenant-wide sequence", async () => {
    const hooks = await receiver();
    const { secret, endpoint: created } = await endpoint(acme, hooks.url, ["tracking.updated", "shipment.delivered"]);
    expect(secret).toMatch(/^whsec_/);
    const shipmentId = await shipment(acme, "WH-SIGN");
    const version = await push(acme, "WH-SIGN", "picked up");
    await expect.poll(() => hooks.received.length, { timeout: 10_000 }).toBe(1);
    const [webhook] = hooks.received;
    expect(verifySignature(secret, webhook!)).toBe(true);
    expect(
      verifySignature(
        secret.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
        webhook!,
      ),
    ).toBe(false);
    expect(webhook!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(webhook!.json).toMatchObject({
      type: "tracking.updated",
      data: {
        shipment: { id: shipmentId, shipmentNumber: "WH-SIGN" },
        version,
        source: "PUSH",
        previousStatus: null,
        status: "IN_TRANSIT",
        trackingNumbers: ["1ZWH-SIGN"],
        events: [{ eventId: `wh-${counter}`, event: "picked up", status: "IN_TRANSIT", trackingNumber: "1ZWH-SIGN" }],
      },
    });
    const sequence = webhook!.json.data.sequence;
    expect(sequence).toBeGreaterThan(0);
    expect(webhook!.json.data.eventIds).toEqual([webhook!.json.data.events[0].id]);

    // Delivered: the most specific type subscribed to; still one delivery for the change.
    await push(acme, "WH-SIGN", "delivered");
    await expect.poll(() => hooks.received.length, { timeout: 10_000 }).toBe(2);
    expect(hooks.received[1]!.json).toMatchObject({ type: "shipment.delivered", data: { sequence: sequence + 1, status: "DELIVERED" } });
    await expect
      .poll(async () => (await deliveries(acme, { endpointId: created.id })).map((d) => d.status))
      .toEqual(["DELIVERED", "DELIVERED"]);

    // A rotated secret signs from then on; the old one no longer verifies.
    const rotated = (await gw.graphql(ROTATE, { id: created.id }, acme.basic)).body.data.rotateWebhookSecret;
    expect(rotated.secret).not.toBe(secret);
    await push(acme, "WH-SIGN", "returned to sender");
    await expect.poll(() => hooks.received.length, { timeout: 10_000 }).toBe(3);
    expect(verifySignature(rotated.secret, hooks.received[2]!)).toBe(true);
    expect(verifySignature(secret, hooks.received[2]!)).toBe(false);

    // Deleted: gone from the list, and nothing more is sent to it.
    expect((await gw.graphql(DELETE, { id: created.id }, acme.basic)).body.data.deleteWebhookEndpoint).toBe(created.id);
    expect((await gw.graphql(ENDPOINTS, {}, acme.basic)).body.data.webhookEndpoints).toEqual([]);
  });

  it("retries after a receiver's 500 and after a timeout, with the same webhook-id", async () => {
    const hooks = await receiver();
    hooks.answer = (_webhook, index) => (index === 0 ? 500 : index === 2 ? "hang" : 200);
    const { endpoint: created } = await endpoint(acme, hooks.url);
    await shipment(acme, "WH-RETRY");
    await push(acme, "WH-RETRY", "picked up");
    await expect.poll(() => hooks.received.length, { timeout: 15_000 }).toBe(2);
    expect(hooks.received[1]!.headers["webhook-id"]).toBe(hooks.received[0]!.headers["webhook-id"]);
    await push(acme, "WH-RETRY", "arrived at facility");
    await expect.poll(() => hooks.received.length, { timeout: 15_000 }).toBe(4);
    expect(hooks.received[3]!.headers["webhook-id"]).toBe(hooks.received[2]!.headers["webhook-id"]);
    await expect
      .poll(async () => (await deliveries(acme, { endpointId: created.id })).map((d) => [d.status, d.attempts]))
      .toEqual([
        ["DELIVERED", 2],
        ["DELIVERED", 2],
      ]);
    await gw.graphql(DELETE, { id: created.id }, acme.basic);
  });

  it("lists a delivery that failed every retry, and redelivers it", async () => {
    const hooks = await receiver();
    hooks.answer = () => 503;
    const { endpoint: created } = await endpoint(acme, hooks.url);
    await shipment(acme, "WH-FAIL");
    await push(acme, "WH-FAIL", "picked up");
    await expect
      .poll(async () => (await deliveries(acme, { endpointId: created.id, status: "FAILED" })).length, { timeout: 15_000 })
      .toBe(1);
    const [failed] = await deliveries(acme, { endpointId: created.id, status: "FAILED" });
    expect(failed).toMatchObject({ attempts: 2, responseStatus: 503, lastError: "HTTP 503: receiver broke" });
    expect(hooks.received).toHaveLength(2);

    // Another tenant can neither see nor redeliver it.
    expect(await deliveries(globex, {})).toEqual([]);
    expect((await gw.graphql(REDELIVER, { id: failed!.id }, globex.basic)).body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    hooks.answer = () => 200;
    const res = await gw.graphql(REDELIVER, { id: failed!.id }, acme.basic);
    expect(res.body.data.redeliverWebhook).toEqual({ id: failed!.id, status: "REDELIVERING" });
    await expect.poll(async () => (await deliveries(acme, { endpointId: created.id }))[0]?.status, { timeout: 10_000 }).toBe("DELIVERED");
    expect(hooks.received).toHaveLength(3);
    expect(hooks.received[2]!.headers["webhook-id"]).toBe(failed!.id);
    await gw.graphql(DELETE, { id: created.id }, acme.basic);
  });

  it("delivers one shipment's changes in order, even when an earlier one needs a retry", async () => {
    const hooks = await receiver();
    // The first attempt of every shipment's first change fails; later changes must wait for it.
    const failedOnce = new Set<string>();
    hooks.answer = (webhook) => {
      const shipmentId = webhook.json.data.shipment.id;
      if (failedOnce.has(shipmentId)) return 200;
      failedOnce.add(shipmentId);
      return 500;
    };
    const { endpoint: created } = await endpoint(acme, hooks.url);
    const numbers = ["WH-ORDER-A", "WH-ORDER-B"];
    for (const number of numbers) await shipment(acme, number);
    const events = ["picked up", "arrived at facility", "departed facility", "out for delivery", "delivered"];
    for (const event of events) for (const number of numbers) await push(acme, number, event);
    await expect.poll(() => hooks.received.length, { timeout: 20_000 }).toBe(events.length * numbers.length + numbers.length);
    for (const number of numbers) {
      const accepted = hooks.received.filter((w) => w.json.data.shipment.shipmentNumber === number);
      // Drop the failed first attempt: what the receiver accepted is in version order, each once.
      const versions = accepted.slice(1).map((w) => w.json.data.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(versions).size).toBe(events.length);
      expect(accepted[0]!.headers["webhook-id"]).toBe(accepted[1]!.headers["webhook-id"]);
    }
    await gw.graphql(DELETE, { id: created.id }, acme.basic);
  });

  it("never sends one tenant's changes to another tenant's endpoint", async () => {
    const acmeHooks = await receiver();
    const globexHooks = await receiver();
    const { endpoint: acmeEndpoint } = await endpoint(acme, acmeHooks.url);
    const { endpoint: globexEndpoint } = await endpoint(globex, globexHooks.url);
    await shipment(acme, "WH-ISO");
    await push(acme, "WH-ISO", "picked up");
    await expect.poll(() => acmeHooks.received.length, { timeout: 10_000 }).toBe(1);
    // The fan-out passed globex's endpoint by: its cursor did not move, it has no deliveries.
    await gw.services.webhooks.dispatcher.fanOut();
    expect(globexHooks.received).toHaveLength(0);
    expect(await gw.db.webhookDelivery.count({ where: { endpointId: globexEndpoint.id } })).toBe(0);
    // Nor can globex list, rotate or delete acme's endpoint.
    expect((await gw.graphql(ENDPOINTS, {}, globex.basic)).body.data.webhookEndpoints).toEqual([
      { id: globexEndpoint.id, url: globexHooks.url },
    ]);
    const rotate = await gw.graphql(ROTATE, { id: acmeEndpoint.id }, globex.basic);
    expect([rotate.status, rotate.body.errors?.[0]?.extensions?.code]).toEqual([404, "NOT_FOUND"]);
    expect((await gw.graphql(DELETE, { id: acmeEndpoint.id }, globex.basic)).body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await gw.graphql(DELETE, { id: acmeEndpoint.id }, acme.basic);
    await gw.graphql(DELETE, { id: globexEndpoint.id }, globex.basic);
  });

  it("refuses targets that are not public http(s), writing nothing", async () => {
    const refused = [
      "ftp://example.com/hooks",
      "not a url",
      "http://user:pw@example.com/",
      "http://localhost:4000/hooks",
      "http://10.1.2.3/",
      "http://192.168.0.1/",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/",
      "http://[fe80::1]/",
      "http://[fd00::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://0.0.0.0/",
    ];
    for (const url of refused) {
      const res = await gw.graphql(CREATE_ENDPOINT, { url, eventTypes: ["tracking.updated"] }, acme.basic);
      expect(res.status, url).toBe(400);
      expect(res.body.errors?.[0]?.extensions, url).toMatchObject({
        code: "BAD_USER_INPUT",
        type: "validation_error",
        details: [{ path: "url" }],
      });
    }
    const badType = await gw.graphql(CREATE_ENDPOINT, { url: "http://127.0.0.1:9/", eventTypes: ["shipment.teleported"] }, acme.basic);
    expect(badType.body.errors?.[0]?.extensions?.details).toEqual([
      { path: "eventTypes[0]", message: expect.stringContaining("tracking.updated") },
    ]);
    expect(await gw.db.webhookEndpoint.count({ where: { tenantId: "acme" } })).toBe(0);
    expect(["8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"].every(isPublicAddress)).toBe(true);
    expect(
      ["127.0.0.1", "10.0.0.1", "172.16.5.4", "100.64.0.1", "::1", "fe80::1", "fc00::1", "::ffff:10.0.0.1"].some(isPublicAddress),
    ).toBe(false);
  });

  it("checks the address again when sending: a host that resolves to loopback is refused at connect time", async () => {
    const hooks = await receiver();
    const outcome = await sendWebhook(new WebhookTargets([]), hooks.url.replace("127.0.0.1", "localhost"), {}, "{}", {
      timeoutMs: 1_000,
      maxResponseBytes: 1_024,
    });
    expect(outcome).toMatchObject({ ok: false, status: null, error: expect.stringContaining("not a public address") });
    expect(hooks.received).toHaveLength(0);
  });
});
