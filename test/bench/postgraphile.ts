/**
 * The second nested reference: PostGraphile v5 (amber preset, grafserv on node http) serving the
 * bench's database, asked for the same page through its own naming (allShipments, relation
 * connections). Its response has another shape, so the check is the number of shipments, cartons,
 * items and events rather than the bytes. Like the pg reference it compares the credential as a
 * string, so both references pay nothing for authentication.
 */
import { createServer, type RequestListener } from "node:http";
import { countingPool, listen, type BenchServer } from "./server-kit.js";

export const POSTGRAPHILE_VERSION = "5.1.5";

/** PostGraphile 5.1 declares node >= 22; of the newer runtime it uses only Promise.withResolvers. */
export const POSTGRAPHILE_RUNTIME_NOTE =
  Number(process.versions.node.split(".")[0]) >= 22
    ? ""
    : `node ${process.version} with a Promise.withResolvers polyfill (it declares node >= 22)`;

export const POSTGRAPHILE_QUERY = /* GraphQL */ `query Nested($tenantId: String!, $first: Int!) {
  allShipments(condition: { tenantId: $tenantId }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC], first: $first) {
    nodes {
      rowId shipmentNumber version statusCode trackingStatus shipmentCourier
      cartonsByShipmentId(orderBy: POSITION_ASC) {
        nodes {
          trackingNumber trackingStatus
          itemsByCartonId(orderBy: POSITION_ASC) { nodes { sku shippedQuantity } }
          trackingEventsByCartonId(orderBy: [EVENT_RECORDED_AT_DESC, ROW_ID_DESC], first: 10) {
            nodes { eventId event eventRecordedAt location status }
          }
        }
      }
    }
  }
}`;

export interface Counts {
  shipments: number;
  cartons: number;
  items: number;
  events: number;
}

type Nodes<T> = { nodes: T[] };
type PostGraphileCarton = { itemsByCartonId: Nodes<unknown>; trackingEventsByCartonId: Nodes<unknown> };
type GatewayCarton = { items: unknown[]; trackingEvents: unknown[] };

export function postgraphileCounts(body: string): Counts {
  const shipments: { cartonsByShipmentId: Nodes<PostGraphileCarton> }[] = JSON.parse(body).data.allShipments.nodes;
  const cartons = shipments.flatMap((s) => s.cartonsByShipmentId.nodes);
  return {
    shipments: shipments.length,
    cartons: cartons.length,
    items: cartons.reduce((n, c) => n + c.itemsByCartonId.nodes.length, 0),
    events: cartons.reduce((n, c) => n + c.trackingEventsByCartonId.nodes.length, 0),
  };
}

export function gatewayCounts(body: string): Counts {
  const shipments: { cartons: GatewayCarton[] }[] = JSON.parse(body).data.shipments.nodes;
  const cartons = shipments.flatMap((s) => s.cartons);
  return {
    shipments: shipments.length,
    cartons: cartons.length,
    items: cartons.reduce((n, c) => n + c.items.length, 0),
    events: cartons.reduce((n, c) => n + c.trackingEvents.length, 0),
  };
}

/**
 * Loads a module without its types: grafast's declarations augment graphql's own ExecutionResult
 * types, which would change how the gateway's code type-checks once any file imports them.
 */
const untyped = (specifier: string): Promise<any> => import(specifier);

function polyfillPromiseWithResolvers() {
  const promises = Promise as unknown as { withResolvers?: () => unknown };
  promises.withResolvers ??= () => {
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise((ok, fail) => ([resolve, reject] = [ok, fail]));
    return { promise, resolve, reject };
  };
}

export async function startPostGraphile({ url, authorization }: { url: string; authorization: string }): Promise<BenchServer> {
  if (POSTGRAPHILE_RUNTIME_NOTE) polyfillPromiseWithResolvers();
  // Production mode without the warning it prints when GRAPHILE_ENV is unset.
  process.env.GRAPHILE_ENV ??= "production";
  const { postgraphile } = await untyped("postgraphile");
  const { PostGraphileAmberPreset } = await untyped("postgraphile/presets/amber");
  const { makePgService } = await untyped("postgraphile/adaptors/pg");
  const { grafserv } = await untyped("postgraphile/grafserv/node");
  const counted = countingPool(url);
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ pool: counted.pool, schemas: ["public"] })],
  });
  const handle: RequestListener = pgl.createServ(grafserv).createHandler();
  const server = createServer((req, res) => {
    if (req.headers.authorization !== authorization) return void res.writeHead(401).end();
    handle(req, res);
  });
  const port = await listen(server);
  return {
    port,
    statements: counted.statements,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pgl.release();
      await counted.pool.end().catch(() => undefined);
    },
  };
}
