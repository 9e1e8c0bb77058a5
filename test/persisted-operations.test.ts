/** Persisted operations: automatic persisted queries by default; the allowlist mode for production. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { sha256 } from "../src/graphql/persisted-operations.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";
import { connect } from "./support/subscriptions.js";

const LIST = "query List { shipments(first: 5) { totalCount } }";
const OTHER = "query Other { shipments(first: 1) { nodes { id } } }";

async function send(gw: TestGateway, auth: Record<string, string>, body: Record<string, unknown>) {
  const res = await fetch(gw.url, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const byHash = (query: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });

describe("automatic persisted queries (default)", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("acme")).basic;
  });
  afterAll(() => gw.close());

  it("asks for an unknown hash's document, registers it, then runs the hash alone", async () => {
    const unknown = await send(gw, auth, byHash(LIST));
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({
      message: "PersistedQueryNotFound",
      extensions: { code: "PERSISTED_QUERY_NOT_FOUND", type: "not_found_error" },
    });
    const registered = await send(gw, auth, { query: LIST, ...byHash(LIST) });
    expect(registered.body).toEqual({ data: { shipments: { totalCount: 0 } } });
    const hashOnly = await send(gw, auth, byHash(LIST));
    expect(hashOnly.body).toEqual({ data: { shipments: { totalCount: 0 } } });
  });

  it("refuses a document that does not match its hash", async () => {
    const res = await send(gw, auth, { query: OTHER, ...byHash(LIST) });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: "PERSISTED_QUERY_MISMATCH", type: "validation_error" });
  });
});

describe("allowlist mode", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway({ persistedOperations: { mode: "allowlist", manifest: { [sha256(LIST)]: LIST } } });
    auth = (await gw.tenant("acme")).basic;
  });
  afterAll(() => gw.close());

  it("runs allowlisted operations by hash or in full", async () => {
    expect((await send(gw, auth, byHash(LIST))).body).toEqual({ data: { shipments: { totalCount: 0 } } });
    expect((await send(gw, auth, { query: LIST })).body).toEqual({ data: { shipments: { totalCount: 0 } } });
  });

  it("refuses any other document or hash, and executes nothing", async () => {
    const other = await send(gw, auth, { query: OTHER });
    expect(other.status).toBe(403);
    expect(other.body.errors[0].extensions).toMatchObject({ code: "PERSISTED_QUERY_ONLY", type: "forbidden_error" });
    expect(other.body.data).toBeUndefined();
    const unknown = await send(gw, auth, byHash(OTHER));
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions).toMatchObject({ code: "PERSISTED_QUERY_NOT_FOUND", type: "not_found_error" });
  });

  it("keeps the REST routes working: their own documents are always allowed", async () => {
    const res = await fetch(gw.url.replace("/graphql", "/v5/shipments/ship_missing/sync"), { method: "POST", headers: auth });
    expect(res.status).toBe(404);
    expect((await res.json()).error.type).toBe("not_found_error");
  });

  it("refuses documents outside the list over WebSocket too", async () => {
    const client = connect(gw.url, auth);
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: "subscription { trackingUpdated { version } }" },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      );
    });
    await client.dispose();
    expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "PERSISTED_QUERY_ONLY" }) })]);
  });
});

describe("PERSISTED_OPERATIONS configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), "persisted-"));

  it("loads an allowlist whose hashes match their documents", () => {
    const file = join(dir, "ok.json");
    writeFileSync(file, JSON.stringify({ [sha256(LIST)]: LIST }));
    expect(parseConfig({ PERSISTED_OPERATIONS: "allowlist", PERSISTED_OPERATIONS_FILE: file }).persistedOperations).toEqual({
      mode: "allowlist",
      manifest: { [sha256(LIST)]: LIST },
    });
    expect(parseConfig({}).persistedOperations).toEqual({ mode: "apq" });
  });

  it("reports a missing file, a stale entry and an unknown mode", () => {
    const stale = join(dir, "stale.json");
    writeFileSync(stale, JSON.stringify({ [sha256(LIST)]: OTHER }));
    expect(() => parseConfig({ PERSISTED_OPERATIONS: "allowlist" })).toThrow(/needs PERSISTED_OPERATIONS_FILE/);
    expect(() => parseConfig({ PERSISTED_OPERATIONS: "allowlist", PERSISTED_OPERATIONS_FILE: stale })).toThrow(
      /not the SHA-256 of its document/,
    );
    expect(() => parseConfig({ PERSISTED_OPERATIONS: "sometimes" })).toThrow(/must be apq, allowlist or off/);
  });
});
