/**
 * examples/shipment-client: its generated types are fresh, it compiles against the current schema,
 * and its three screens work against a real gateway in allowlist mode, with the example's own
 * persisted-documents.json as the allowlist.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { generate } from "@graphql-codegen/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import codegenConfig from "../examples/shipment-client/codegen.js";
import { createShipmentClient, type ShipmentClient } from "../examples/shipment-client/src/client.js";
import { listShipments, openShipment, watchShipment } from "../examples/shipment-client/src/screens.js";
import { loadManifest } from "../src/graphql/persisted-operations.js";
import { createShipment } from "../src/shipments/create-shipment.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

const EXAMPLE = new URL("../examples/shipment-client/", import.meta.url).pathname;

describe("examples/shipment-client", () => {
  it("has its generated types up to date (run `npx graphql-codegen --config examples/shipment-client/codegen.ts` when this fails)", async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...codegenConfig, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) expect(readFileSync(filename, "utf8"), filename).toBe(content);
  });

  it("compiles against the current schema", async () => {
    const tsc = join(new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname);
    await expect(promisify(execFile)(process.execPath, [tsc, "--noEmit", "-p", EXAMPLE])).resolves.toBeDefined();
  }, 120_000);

  describe("against a gateway that runs only its persisted operations", () => {
    let gw: TestGateway;
    let client: ShipmentClient;
    let shipmentId: string;
    beforeAll(async () => {
      const manifest = loadManifest(join(EXAMPLE, "src/gql/persisted-documents.json"));
      gw = await startTestGateway({ persistedOperations: { mode: "allowlist", manifest } });
      const { basic } = await gw.tenant("acme");
      client = createShipmentClient({ url: gw.url, headers: basic, persisted: true, webSocketImpl: WebSocket });
      shipmentId = await createShipment(
        gw.db,
        { tenantId: "acme", channelId: 12 },
        {
          shipmentNumber: "EX1",
          orderNumbers: ["ORD-EX1"],
          cartons: [{ trackingNumber: "1ZEXAMPLE1" }],
        },
      );
      await createShipment(gw.db, { tenantId: "acme", channelId: 12 }, { shipmentNumber: "EX2", orderNumbers: ["ORD-EX2"] });
    });
    afterAll(async () => {
      await client.close();
      await gw.close();
    });

    it("lists shipments, opens one and receives its tracking changes live", async () => {
      const list = await listShipments(client, { orderNumber: "ORD-EX1" });
      expect(list.nodes.map((s) => s.shipmentNumber)).toEqual(["EX1"]);
      expect(list.statusCounts).toEqual([{ trackingStatus: null, count: 1 }]);

      const opened = await openShipment(client, list.nodes[0]!.id);
      expect(opened).toMatchObject({ id: shipmentId, version: 1, cartons: [{ trackingNumber: "1ZEXAMPLE1" }] });

      const update = new Promise<{ version: number; status: string | null }>((resolve) => watchShipment(client, opened!, resolve));
      await gw.services.tracking.ingest({
        tenantId: "acme",
        shipmentId,
        source: "PUSH",
        cartons: [{ trackingNumber: "1ZEXAMPLE1", events: [{ event: "Delivered", eventRecordedAt: new Date("2026-01-02T10:00:00Z") }] }],
      });
      // afterVersion replays the change even if it committed before the subscription was live.
      expect(await update).toMatchObject({ version: 2, status: "DELIVERED" });
    });
  });
});
