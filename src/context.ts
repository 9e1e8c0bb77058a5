/** What every resolver sees, per HTTP request or graphql-ws connection. */
import type { Viewer } from "./auth/credentials.js";
import type { Db } from "./db/client.js";

export interface Context {
  /** The authenticated caller; every read and write is scoped to `viewer.tenantId`. */
  viewer: Viewer;
  db: Db;
}
