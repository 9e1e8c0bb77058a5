/**
 * A real gateway for a test file: its own database, a real HTTP server on port 0, and helpers to
 * send GraphQL over real HTTP and to count the SQL statements the gateway sends.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import type pg from "pg";
import { Redis } from "ioredis";
import { expect } from "vitest";
import { pino } from "pino";
import { createApp, type AppOptions } from "../../src/app.js";
import { issueKeys, type IssuedKeys } from "../../src/auth/credentials.js";
import type { Services } from "../../src/context.js";
import { createDb, type Db } from "../../src/db/client.js";
import { EDGE_DEFAULTS, type EdgeSettings } from "../../src/edge/settings.js";
import { createTestDatabase } from "./database.js";

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };
}

export interface TestGateway {
  url: string;
  /** The test file's own database, for a second instance on it. */
  databaseUrl: string;
  db: Db;
  /** The node-postgres pool under `db`, for hand-written SQL as the gateway sends it. */
  pool: pg.Pool;
  /** The instance's services (courier sync, ingestion core, pub/sub), for background tracking next to it. */
  services: Services;
  /** Every SQL statement sent since the last `statements.length = 0`. */
  statements: string[];
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** A typed operation from test/operations (codegen's `…Document`): its variables and answer are checked. */
  execute<T, V>(document: TypedDocumentNode<T, V>, variables: V, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Issues keys for a new tenant: header sets for Basic and for Bearer with fabric's tenant headers. */
  tenant(id: string): Promise<{ keys: IssuedKeys; basic: Record<string, string>; bearer: Record<string, string> }>;
  close(): Promise<void>;
}

/** The answer's data, after asserting it came without errors (which the failure then shows). */
export function expectNoErrors<T>(res: GraphQLResponse<T>): T {
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data).toBeDefined();
  return res.body.data!;
}

export function basicHeader(keyId: string, secret: string) {
  return `Basic ${Buffer.from(`${keyId}:${secret}`).toString("base64")}`;
}

/**
 * Two connections per instance: one in subscriber mode cannot publish. Fault tests stop Redis on
 * purpose; ioredis reconnects by itself, so its connection errors are only heard, as main.ts does.
 */
export function redisPair(url: string) {
  const client = () => new Redis(url).on("error", () => {});
  return { publish: client(), subscribe: client() };
}

/** GraphQL over real HTTP to the instance at `url`. */
function graphqlAt(url: string): TestGateway["graphql"] {
  return async (query, variables, headers = {}) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
}

/** Another instance behind the same load balancer: the same database, the same Redis, a process of its own. */
export interface SecondInstance {
  url: string;
  /** Its Redis connections (the publishing one answers commands). */
  redis: ReturnType<typeof redisPair>;
  /** Every SQL statement it sent since the last `statements.length = 0`. */
  statements: string[];
  graphql: TestGateway["graphql"];
  close(): Promise<void>;
}

export async function startSecondInstance(
  first: TestGateway,
  redisUrl: string,
  options: Pick<AppOptions, "relay" | "responseCache"> = {},
): Promise<SecondInstance> {
  const statements: string[] = [];
  const { db, pool } = createDb({ url: first.databaseUrl, onStatement: (sql) => statements.push(sql) });
  const redis = redisPair(redisUrl);
  const app = createApp({
    db,
    pool,
    redis,
    ...options,
    logger: pino({ level: "silent" }),
    rateLimit: { points: 1000, durationSeconds: 60 },
    production: false,
  });
  const url = `http://127.0.0.1:${await app.listen(0, "127.0.0.1")}/graphql`;
  return {
    url,
    redis,
    statements,
    graphql: graphqlAt(url),
    async close() {
      await app.close();
      redis.publish.disconnect();
      redis.subscribe.disconnect();
      await db.$disconnect();
    },
  };
}

export async function startTestGateway(
  options: Pick<
    AppOptions,
    | "couriers"
    | "relay"
    | "maxPendingUpdates"
    | "graphiqlHeaders"
    | "persistedOperations"
    | "webhooks"
    | "readPlans"
    | "cursorSecret"
    | "responseCache"
  > & {
    edge?: Partial<EdgeSettings>;
    rateLimitPoints?: number;
    redisUrl?: string;
    production?: boolean;
  } = {},
): Promise<TestGateway> {
  const database = await createTestDatabase();
  const statements: string[] = [];
  const { db, pool } = createDb({ url: database.url, onStatement: (sql) => statements.push(sql) });
  const redis = options.redisUrl ? redisPair(options.redisUrl) : undefined;
  const app = createApp({
    db,
    pool,
    redis,
    logger: pino({ level: "silent" }),
    rateLimit: { points: options.rateLimitPoints ?? 100_000, durationSeconds: 60 },
    production: options.production ?? false,
    edge: { ...EDGE_DEFAULTS, ...options.edge },
    couriers: options.couriers,
    graphiqlHeaders: options.graphiqlHeaders,
    persistedOperations: options.persistedOperations,
    relay: options.relay,
    maxPendingUpdates: options.maxPendingUpdates,
    webhooks: options.webhooks,
    readPlans: options.readPlans,
    cursorSecret: options.cursorSecret,
    responseCache: options.responseCache,
  });
  const port = await app.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}/graphql`;
  const graphql = graphqlAt(url);
  return {
    url,
    databaseUrl: database.url,
    db,
    pool,
    services: app.services,
    statements,
    graphql,
    execute: (document, variables, headers) => graphql(print(document), variables as Record<string, unknown>, headers),
    async tenant(id) {
      const keys = await issueKeys(db, { id });
      return {
        keys,
        basic: { authorization: basicHeader(keys.basic.keyId, keys.basic.secret) },
        bearer: { authorization: `Bearer ${keys.bearerToken}`, "x-fabric-tenant-id": id, "x-fabric-channel-id": "12" },
      };
    },
    async close() {
      await app.close();
      redis?.publish.disconnect();
      redis?.subscribe.disconnect();
      await db.$disconnect();
      await database.drop();
    },
  };
}
