/**
 * Try it against `npm start` (the demo tenant): `npx tsx examples/shipment-client/src/demo.ts`.
 * Lists the shipments, opens the first and prints its tracking changes live until Ctrl+C.
 */
import WebSocket from "ws";
import { createShipmentClient } from "./client.js";
import { listShipments, openShipment, watchShipment } from "./screens.js";

const client = createShipmentClient({
  url: process.env.GATEWAY_URL ?? "http://localhost:4000/graphql",
  headers: { authorization: process.env.GATEWAY_AUTHORIZATION ?? `Basic ${Buffer.from("demo:demo-secret").toString("base64")}` },
  webSocketImpl: WebSocket,
});

const list = await listShipments(client);
console.log(`${list.totalCount} shipments`, list.statusCounts);
for (const s of list.nodes) console.log(`  ${s.shipmentNumber ?? s.id}  ${s.trackingStatus ?? "untracked"}`);
const first = list.nodes[0] && (await openShipment(client, list.nodes[0].id));
if (first) {
  console.log(`watching ${first.shipmentNumber} (version ${first.version})`);
  watchShipment(client, first, (update) =>
    console.log(
      `  v${update.version} ${update.status}`,
      update.events.map((e) => e.event),
    ),
  );
}
