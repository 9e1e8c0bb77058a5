/**
 * The operator's routes, answered ahead of GraphQL handling and without credentials: `/healthz` (the
 * process is up), `/readyz` (the database is reachable and migrated; 503 otherwise, so a load
 * balancer sends no traffic) and `/metrics` (Prometheus; keep it off the public edge).
 */
import type { Plugin } from "graphql-yoga";
import type pg from "pg";
import { pendingMigrations } from "../db/migrate.js";
import { registry } from "../metrics.js";

async function readiness(pool: pg.Pool): Promise<{ status: number; body: unknown }> {
  try {
    const pending = await pendingMigrations(pool);
    return pending.length ? { status: 503, body: { status: "migrating", pending } } : { status: 200, body: { status: "ready" } };
  } catch (error) {
    return { status: 503, body: { status: "database unreachable", error: (error as Error).message } };
  }
}

export function useHealthRoutes(pool: pg.Pool): Plugin {
  const routes: Record<string, () => Promise<{ status: number; body: string; contentType: string }>> = {
    "/healthz": async () => ({ status: 200, body: JSON.stringify({ status: "ok" }), contentType: "application/json" }),
    "/readyz": async () => {
      const { status, body } = await readiness(pool);
      return { status, body: JSON.stringify(body), contentType: "application/json" };
    },
    "/metrics": async () => ({ status: 200, body: await registry.metrics(), contentType: registry.contentType }),
  };
  return {
    async onRequest({ url, fetchAPI, endResponse }) {
      const route = routes[url.pathname];
      if (!route) return;
      const { status, body, contentType } = await route();
      endResponse(new fetchAPI.Response(body, { status, headers: { "content-type": contentType } }));
    },
  };
}
