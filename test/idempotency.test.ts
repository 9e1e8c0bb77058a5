/**
 * Idempotency-Key: a retried mutation gets its first response back instead of running twice, per
 * tenant; the same key with another request is refused; so is a second attempt while the first runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const CREATE = "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }";
const PUSH =
  "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { version } appliedEvents { id event } duplicateEventIds } }";
const VERSION = "query ($id: ID!) { shipment(id: $id) { version } }";

describe("Idempotency-Key", () => {
  let gw: TestGateway;
  let acme: Awaited<ReturnType<TestGateway["tenant"]>>;
  let globex: Awaited<ReturnType<TestGateway["tenant"]>>;
  let shipmentId: string;
  const input = (eventId: string) => ({
    shipmentNumber: "IDEM-1",
    trackingNumber: "1ZIDEM0001",
    tracking: [{ event: "in transit", eventId, eventRecordedAt: "2024-01-01T00:00:00Z" }],
  });
  const version = async () => (await gw.graphql(VERSION, { id: shipmentId }, acme.basic)).body.data.shipment.version;

  beforeAll(async () => {
    gw = await startTestGateway();
    acme = await gw.tenant("acme");
    globex = await gw.tenant("globex");
    const created = await gw.graphql(
      CREATE,
      { input: { shipmentNumber: "IDEM-1", cartons: [{ trackingNumber: "1ZIDEM0001" }] } },
      acme.basic,
    );
    shipmentId = created.body.data.createShipment.id;
    await gw.graphql(CREATE, { input: { shipmentNumber: "IDEM-1", cartons: [{ trackingNumber: "1ZIDEM0001" }] } }, globex.basic);
  });
  afterAll(() => gw.close());

  it("answers a retry with the original response, and applies the change once", async () => {
    const headers = { ...acme.basic, "idempotency-key": "retry-1" };
    const first = await gw.graphql(PUSH, { input: input("idem-1") }, headers);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.updateTracking.duplicateEventIds).toEqual([]);
    const retry = await gw.graphql(PUSH, { input: input("idem-1") }, headers);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await version()).toBe(first.body.data.updateTracking.shipments[0].version);
    // Without the key, the same request is a new one: its event is known already.
    const again = await gw.graphql(PUSH, { input: input("idem-1") }, acme.basic);
    expect(again.body.data.updateTracking.duplicateEventIds).toEqual(["idem-1"]);
  });

  it("keeps keys per tenant", async () => {
    const mine = await gw.graphql(PUSH, { input: input("idem-tenant") }, { ...acme.basic, "idempotency-key": "shared" });
    const theirs = await gw.graphql(PUSH, { input: input("idem-tenant") }, { ...globex.basic, "idempotency-key": "shared" });
    expect(mine.body.data.updateTracking.appliedEvents).toHaveLength(1);
    expect(theirs.body.data.updateTracking.appliedEvents).toHaveLength(1);
    expect(theirs.body.data.updateTracking.appliedEvents[0].id).not.toBe(mine.body.data.updateTracking.appliedEvents[0].id);
  });

  it("refuses the same key with a different request (422) and writes nothing", async () => {
    const headers = { ...acme.basic, "idempotency-key": "reused" };
    await gw.graphql(PUSH, { input: input("idem-2") }, headers);
    const before = await version();
    const other = await gw.graphql(PUSH, { input: input("idem-3") }, headers);
    expect(other.status).toBe(422);
    expect(other.body.errors![0]!.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      type: "validation_error",
      details: [{ path: "Idempotency-Key" }],
    });
    expect(await version()).toBe(before);
  });

  it("rejects a malformed key", async () => {
    const res = await gw.graphql(PUSH, { input: input("idem-4") }, { ...acme.basic, "idempotency-key": "x".repeat(256) });
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "Idempotency-Key" }] });
  });

  it("lets concurrent attempts with one key apply once: the others get the same response or 409", async () => {
    const before = await version();
    const headers = { ...acme.basic, "idempotency-key": "concurrent" };
    const responses = await Promise.all(Array.from({ length: 5 }, () => gw.graphql(PUSH, { input: input("idem-5") }, headers)));
    const ok = responses.filter((r) => r.status === 200);
    const busy = responses.filter((r) => r.status !== 200);
    expect(ok.length).toBeGreaterThan(0);
    for (const r of ok) expect(r.body).toEqual(ok[0]!.body);
    expect(ok[0]!.body.data.updateTracking.duplicateEventIds).toEqual([]);
    for (const r of busy) {
      expect(r.status).toBe(409);
      expect(r.headers.get("retry-after")).toBe("1");
      expect(r.body.errors![0]!.extensions).toMatchObject({ code: "CONFLICT", type: "conflict_error" });
    }
    expect(await version()).toBe(before + 1);
  });

  it("does not keep a failed request: its retry runs again", async () => {
    const headers = { ...acme.basic, "idempotency-key": "failed" };
    const missing = { ...input("idem-6"), shipmentNumber: "NOPE" };
    expect((await gw.graphql(PUSH, { input: missing }, headers)).status).toBe(404);
    const retry = await gw.graphql(PUSH, { input: input("idem-6") }, headers);
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.updateTracking.appliedEvents).toHaveLength(1);
  });

  it("works on the REST route: the retry gets the same body", async () => {
    const post = () =>
      fetch(new URL("/v3/shipments/actions/update-tracking", gw.url), {
        method: "POST",
        headers: { ...acme.bearer, "content-type": "application/json", "idempotency-key": "rest-1" },
        body: JSON.stringify(input("idem-rest")),
      });
    const first = await post();
    const firstBody = await first.json();
    expect(first.status).toBe(200);
    const retry = await post();
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(firstBody);
    expect(await version()).toBe(firstBody.shipments[0].version);
  });
});
