/** What every resolver sees, per HTTP request or graphql-ws operation. */
import type pg from "pg";
import type { Viewer } from "./auth/credentials.js";
import type { CourierRegistry } from "./couriers/registry.js";
import type { Db } from "./db/client.js";
import type { TrackingBus } from "./tracking/bus.js";
import type { ShipmentChanges } from "./shipments/changes.js";
import type { PublicTrackingTokens } from "./tracking-page/tokens.js";
import type { TrackingIngestor } from "./tracking/ingest.js";
import type { ShipmentSync } from "./tracking/sync.js";
import type { WebhookDispatcher } from "./webhooks/dispatcher.js";
import type { WebhookEndpoints } from "./webhooks/endpoints.js";

/** The long-lived parts of a gateway instance that resolvers use. */
export interface Services {
  db: Db;
  /** The node-postgres pool under `db`, for hand-written SQL (src/db/sql.ts). */
  pool: pg.Pool;
  tracking: TrackingIngestor;
  pubsub: TrackingBus;
  /** Courier connectors by code, each behind the resilience wrapper. */
  couriers: CourierRegistry;
  /** Told of every committed write to the shipment graph (the response cache, when on). */
  changes: ShipmentChanges;
  /** Pulls tracking from couriers into the ingestion core (syncShipmentTracking, background tracking). */
  sync: ShipmentSync;
  /** Seals list cursors (HMAC) so they are opaque and bound to the tenant they were given to. */
  cursorKey: Buffer;
  /** Public tracking links: their tokens, and the address they start with when it is configured. */
  trackingPage: { tokens: PublicTrackingTokens; publicUrl?: string };
  /** Tenants' webhook endpoints and the dispatcher that delivers to them from the update log. */
  webhooks: { endpoints: WebhookEndpoints; dispatcher: WebhookDispatcher };
  delivery: {
    /** Updates a subscription may leave waiting for a slow consumer before it is closed. */
    maxPendingUpdates: number;
  };
}

export interface Context extends Services {
  /** The authenticated caller; every read, write and subscription is scoped to `viewer.tenantId`. */
  viewer: Viewer;
  /** The HTTP request (yoga's); absent over graphql-ws, where links fall back to PUBLIC_URL or a path. */
  request?: Request;
  /** Over graphql-ws: closes the caller's socket (a subscriber too slow to keep up is told so). */
  closeConnection?: (code: number, reason: string) => void;
}
