/**
 * `npm start` as a user runs it: a fresh DATA_DIR, embedded PostgreSQL, migrations, demo data.
 * Then stop (SIGTERM) and restart, and kill (SIGKILL) and restart: the data survives both.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { print } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { DemoShipmentsDocument } from "./generated/graphql.js";
import { startGatewayProcess, waitReady, type GatewayProcess } from "./support/gateway-process.js";

const start = (dataDir: string) => startGatewayProcess({ DATA_DIR: dataDir });

async function demoQuery(url: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("demo:demo-secret").toString("base64")}` },
    body: JSON.stringify({ query: print(DemoShipmentsDocument), variables: { first: 20 } }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).data.shipments;
}

describe("npm start on a fresh machine (embedded PostgreSQL)", () => {
  let dataDir: string;
  let running: GatewayProcess | undefined;
  afterAll(async () => {
    if (running?.child.exitCode === null) {
      running.child.kill("SIGTERM");
      await running.exited();
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the demo data, and keeps everything across a clean stop and a crash", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gateway-start-"));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach DATA_DIR
    running = await start(path.join(dataDir, "data"));
    await waitReady(running.url);
    const graphiql = await (await fetch(running.url, { headers: { accept: "text/html" } })).text();
    expect(graphiql).toContain("subscription TrackingUpdated"); // the example tabs
    expect(graphiql).toContain(`Basic ${Buffer.from("demo:demo-secret").toString("base64")}`); // header filled in
    const first = await demoQuery(running.url);
    expect(first.totalCount).toBe(5);
    const numbers = first.nodes.map((n: { shipmentNumber: string }) => n.shipmentNumber);
    expect(numbers).toContain("78974156816152");
    // fabric's example number is a UPS number, so its sync must ask UPS.
    const fabric = first.nodes.find((n: { shipmentNumber: string }) => n.shipmentNumber === "78974156816152");
    expect(fabric).toMatchObject({ shipmentCourier: "ups", cartons: [{ trackingNumber: "1Z999AA10123456784" }] });
    const sync = first.nodes.find((n: { id: string }) => n.id === "ship_1234567890abcdef");
    expect(sync).toMatchObject({ shipmentCourier: "ups", cartons: [{ trackingNumber: "1Z123E45678901234" }] });

    // Something the user wrote, to look for after the restarts.
    const created = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer demo-token", "x-fabric-tenant-id": "demo" },
      body: JSON.stringify({ query: 'mutation { createShipment(input: { shipmentNumber: "KEEP-ME" }) { id } }' }),
    });
    expect((await created.json()).data.createShipment.id).toMatch(/^ship_/);

    running.child.kill("SIGTERM");
    expect(await running.exited()).toBe(0);
    expect(running.output()).toMatch(/"msg":"stopped"/);

    running = await start(path.join(dataDir, "data"));
    await waitReady(running.url);
    const second = await demoQuery(running.url);
    expect(second.totalCount).toBe(6); // demo data seeded once, plus ours
    expect(second.nodes.map((n: { shipmentNumber: string }) => n.shipmentNumber)).toContain("KEEP-ME");

    running.child.kill("SIGKILL");
    await running.exited();
    running = await start(path.join(dataDir, "data"));
    await waitReady(running.url);
    const third = await demoQuery(running.url);
    expect(third.nodes.map((n: { shipmentNumber: string }) => n.shipmentNumber)).toContain("KEEP-ME");
    expect(third.totalCount).toBe(6);
  }, 120_000);
});
