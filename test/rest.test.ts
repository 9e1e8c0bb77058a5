/**
 * The seed REST endpoints over real HTTP against a freshly seeded gateway: the seeds' own example
 * requests, every error body, and the same answer from REST and GraphQL for the same situation.
 */
import { readFileSync } from "node:fs";
import type { GraphQLInputObjectType, GraphQLObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FABRIC_EXAMPLE } from "../src/demo/documents.js";
import { DEMO, DEMO_BASIC_AUTHORIZATION, seedDemo } from "../src/demo/seed.js";
import { fromGraphQL } from "../src/rest/errors.js";
import { schema } from "../src/graphql/schema/index.js";
import { FABRIC_REQUEST, FABRIC_RESPONSE, mismatches } from "./support/documents.js";
import { startTestGateway, type GraphQLResponse, type TestGateway } from "./support/gateway.js";
import { conformance, responseSchema } from "./support/openapi.js";

const UPDATE_TRACKING_PATH = "/v3/shipments/actions/update-tracking";
/** fabric's curl `--data`, byte for byte as the seed shows it (leading and trailing newline included). */
const SEED_CURL_BODY = readFileSync(new URL("./fixtures/fabric-update-tracking-curl-body.txt", import.meta.url), "utf8");
/** The seed's curl headers with the demo tenant's values for the placeholders. */
const FABRIC_HEADERS = {
  Authorization: `Bearer ${DEMO.bearerToken}`,
  "Content-Type": "application/json",
  "x-fabric-channel-id": String(DEMO.channelId),
  "x-fabric-tenant-id": DEMO.tenantId,
};

const GRAPHQL_UPDATE_TRACKING = "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { shipments { version } } }";

interface RestResponse {
  status: number;
  headers: Headers;
  body: any;
}

async function rest(gw: TestGateway, path: string, init: RequestInit = {}): Promise<RestResponse> {
  const response = await fetch(new URL(path, gw.url), { method: "POST", ...init });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const postFabric = (gw: TestGateway, body: unknown, headers: Record<string, string> = FABRIC_HEADERS) =>
  rest(gw, UPDATE_TRACKING_PATH, { headers, body: typeof body === "string" ? body : JSON.stringify(body) });

/** What a client acts on, from either protocol. */
const restAnswer = (res: RestResponse) => ({ status: res.status, type: res.body.error?.type, message: res.body.error?.message });
const graphqlAnswer = (res: GraphQLResponse) => ({
  status: res.status,
  type: res.body.errors?.[0]?.extensions?.type,
  message: res.body.errors?.[0]?.message,
});

/** Field names and JSON types, in order, of the first entry of every list: a document's shape. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return [shape(value[0])];
  if (value === null || typeof value !== "object") return typeof value;
  return Object.entries(value).map(([key, field]) => [key, shape(field)]);
}

const withoutAuth = ({ Authorization: _a, ...headers }: Record<string, string>) => headers;
const withoutChannel = ({ "x-fabric-channel-id": _c, ...headers }: Record<string, string>) => headers;
/** The same headers for a GraphQL request, which sets its own content type. */
const graphqlHeaders = ({ "Content-Type": _c, ...headers }: Record<string, string>) => headers;

describe("REST endpoints on a freshly seeded gateway", () => {
  let gw: TestGateway;
  let openapi: any;
  beforeAll(async () => {
    gw = await startTestGateway();
    await seedDemo(gw.db);
    openapi = await (await fetch(new URL("/openapi.json", gw.url))).json();
  });
  afterAll(() => gw.close());

  it("answers fabric's own update-tracking curl with the seed's document, field for field", async () => {
    const res = await postFabric(gw, SEED_CURL_BODY, { ...FABRIC_HEADERS, "x-fabric-request-id": "req-1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-fabric-request-id")).toBe("req-1");
    const [seed] = FABRIC_RESPONSE.shipments;
    const [shipment] = res.body.shipments;
    // Every documented field, in the seed's order, with the seed's JSON type, and nothing of our own.
    expect(Object.keys(res.body)).toEqual(["shipments"]);
    expect(shape(shipment)).toEqual(shape(seed));
    // And the seed's values — statusCode (still SHIPMENT_CREATED after "picked up") and audit log
    // (no entry for a tracking update that moved no field) included — but for the timestamps.
    const { createdAt: _c, updatedAt: _u, ...values } = structuredClone(seed);
    // The seed page shows its e-mail addresses obfuscated ("[email protected]"); the demo stores real ones.
    values.recipients[0].email = values.shipToAddress.email = FABRIC_EXAMPLE.shipToAddress!.email;
    expect(mismatches(values, shipment)).toEqual([]);
    expect(shipment).toMatchObject({ version: 2, statusCode: "SHIPMENT_CREATED", auditLogs: seed.auditLogs });
    expect(conformance(openapi, responseSchema(openapi, UPDATE_TRACKING_PATH, "post", 200), res.body)).toEqual([]);
  });

  it("treats the same request again as a no-op, as GraphQL does", async () => {
    const res = await postFabric(gw, SEED_CURL_BODY);
    expect(res.status).toBe(200);
    expect(res.body.shipments[0].version).toBe(2);
    expect(res.body.shipments[0].cartons[0].tracking).toHaveLength(1);
  });

  describe("errors: the seeds' bodies, and the same status and type as GraphQL", () => {
    interface Situation {
      name: string;
      headers?: Record<string, string>;
      input?: unknown;
      status: number;
      error: Record<string, unknown>;
      /** GraphQL's message when it words the situation its own way; null when GraphQL accepts it. */
      graphql?: string | null;
    }
    const fabricSituations: Situation[] = [
      {
        name: "no credentials",
        headers: withoutAuth(FABRIC_HEADERS),
        status: 401,
        error: { type: "authentication_error", message: "Missing credentials: send Authorization: Bearer" },
        graphql: "Missing credentials: send Authorization: Basic or Bearer",
      },
      {
        name: "no credentials and no fabric headers",
        headers: { "Content-Type": "application/json" },
        status: 401,
        error: { type: "authentication_error", message: "Missing credentials: send Authorization: Bearer" },
        graphql: "Missing credentials: send Authorization: Basic or Bearer",
      },
      {
        name: "no credentials and an invalid body",
        headers: { "Content-Type": "application/json" },
        input: { carrier: "FEDEX" },
        status: 401,
        error: { type: "authentication_error", message: "Missing credentials: send Authorization: Bearer" },
        graphql: "Missing credentials: send Authorization: Basic or Bearer",
      },
      {
        name: "an unknown bearer token",
        headers: { ...FABRIC_HEADERS, Authorization: "Bearer not-a-token" },
        status: 401,
        error: { type: "authentication_error", message: "Invalid merchant credentials" },
      },
      {
        name: "Basic credentials (the V5 scheme)",
        headers: { ...FABRIC_HEADERS, Authorization: DEMO_BASIC_AUTHORIZATION },
        status: 401,
        error: { type: "authentication_error", message: "This endpoint takes Bearer credentials" },
        graphql: null,
      },
      {
        name: "a bearer token without x-fabric-tenant-id",
        headers: { Authorization: FABRIC_HEADERS.Authorization, "Content-Type": "application/json", "x-fabric-channel-id": "12" },
        status: 401,
        error: { type: "authentication_error", message: "Bearer credentials need the x-fabric-tenant-id header" },
      },
      {
        name: "a tenant header that is not the token's tenant",
        headers: { ...FABRIC_HEADERS, "x-fabric-tenant-id": "someone-else" },
        status: 403,
        error: { type: "forbidden_error", message: "x-fabric-tenant-id does not match the tenant of these credentials" },
      },
      {
        name: "a channel fabric does not have",
        headers: { ...FABRIC_HEADERS, "x-fabric-channel-id": "14" },
        status: 403,
        error: { type: "forbidden_error", message: "x-fabric-channel-id must be 12 (US) or 13 (Canada)" },
      },
      {
        name: "no channel header",
        headers: withoutChannel(FABRIC_HEADERS),
        status: 400,
        error: {
          type: "validation_error",
          message: "Invalid input: x-fabric-channel-id: header is required",
          details: [{ path: "x-fabric-channel-id", message: "header is required" }],
        },
        graphql: null,
      },
      {
        name: "an unknown shipment",
        input: { ...FABRIC_REQUEST, shipmentNumber: "NO-SUCH-SHIPMENT" },
        status: 404,
        error: { type: "not_found_error", message: "Shipment not found" },
      },
      {
        name: "an unknown carton",
        input: { ...FABRIC_REQUEST, trackingNumber: "1ZNOSUCHCARTON" },
        status: 404,
        error: { type: "not_found_error", message: "Carton not found" },
      },
      {
        name: "an event without words",
        input: { ...FABRIC_REQUEST, tracking: [{ ...FABRIC_REQUEST.tracking[0], event: " " }] },
        status: 400,
        error: {
          type: "validation_error",
          message: "Invalid input: tracking[0].event: must not be empty",
          details: [{ path: "tracking[0].event", message: "must not be empty" }],
        },
        graphql: "Invalid input: input.tracking[0].event: must not be empty",
      },
      {
        name: "an event time without an offset",
        input: { ...FABRIC_REQUEST, tracking: [{ ...FABRIC_REQUEST.tracking[0], eventRecordedAt: "2019-09-30 07:58" }] },
        status: 400,
        error: {
          type: "validation_error",
          message:
            'Invalid input: tracking[0].eventRecordedAt: Expected an ISO-8601 date-time with an offset such as 2024-01-15T10:30:00Z, got "2019-09-30 07:58"',
          details: [
            {
              path: "tracking[0].eventRecordedAt",
              message: 'Expected an ISO-8601 date-time with an offset such as 2024-01-15T10:30:00Z, got "2019-09-30 07:58"',
            },
          ],
        },
        graphql:
          'Variable "$input" got invalid value "2019-09-30 07:58" at "input.tracking[0].eventRecordedAt"; Expected an ISO-8601 date-time with an offset such as 2024-01-15T10:30:00Z, got "2019-09-30 07:58"',
      },
      {
        name: "a body missing a required field and carrying an unknown one",
        input: { shipmentNumber: "78974156816152", tracking: [], carrier: "FEDEX" },
        status: 400,
        error: {
          type: "validation_error",
          message: "Invalid input: trackingNumber: is required; carrier: is not a field of this request",
          details: [
            { path: "trackingNumber", message: "is required" },
            { path: "carrier", message: "is not a field of this request" },
          ],
        },
        graphql:
          'Variable "$input" got invalid value { shipmentNumber: "78974156816152", tracking: [], carrier: "FEDEX" }; Field "trackingNumber" of required type "String!" was not provided.',
      },
      {
        name: "fields of the wrong JSON type",
        input: { ...FABRIC_REQUEST, trackingNumber: 1234, tracking: [null], expectedVersion: "two" },
        status: 400,
        error: {
          type: "validation_error",
          message: "Invalid input: trackingNumber: must be a string; tracking[0]: must not be null; expectedVersion: must be an integer",
          details: [
            { path: "trackingNumber", message: "must be a string" },
            { path: "tracking[0]", message: "must not be null" },
            { path: "expectedVersion", message: "must be an integer" },
          ],
        },
        graphql: 'Variable "$input" got invalid value 1234 at "input.trackingNumber"; String cannot represent a non string value: 1234',
      },
      {
        name: "a stale expectedVersion",
        input: { ...FABRIC_REQUEST, expectedVersion: 1 },
        status: 409,
        error: { type: "conflict_error", message: "Shipment was changed concurrently; its current version is 2", currentVersion: 2 },
      },
    ];

    for (const situation of fabricSituations) {
      it(`update-tracking with ${situation.name}: ${situation.status} ${situation.error.type}`, async () => {
        const headers = situation.headers ?? FABRIC_HEADERS;
        const input = situation.input ?? FABRIC_REQUEST;
        const res = await postFabric(gw, input, headers);
        expect(res.status).toBe(situation.status);
        expect(res.body).toEqual({ error: situation.error });
        expect(conformance(openapi, responseSchema(openapi, UPDATE_TRACKING_PATH, "post", situation.status), res.body)).toEqual([]);
        if (res.status === 401) expect(res.headers.get("www-authenticate")).toBe('Bearer realm="shipments"');
        if (situation.graphql === null) return;

        const graphql = await gw.graphql(GRAPHQL_UPDATE_TRACKING, { input }, graphqlHeaders(headers));
        expect(graphqlAnswer(graphql)).toEqual({ ...restAnswer(res), message: situation.graphql ?? situation.error.message });
      });
    }

    it("takes channel 13 (Canada) on REST and GraphQL alike", async () => {
      const headers = { ...FABRIC_HEADERS, "x-fabric-channel-id": "13" };
      expect((await postFabric(gw, FABRIC_REQUEST, headers)).status).toBe(200);
      expect((await gw.graphql(GRAPHQL_UPDATE_TRACKING, { input: FABRIC_REQUEST }, graphqlHeaders(headers))).body.errors).toBeUndefined();
    });

    const malformed: { name: string; body: string; headers?: Record<string, string>; details: { path: string; message: string }[] }[] = [
      { name: "malformed JSON", body: '{"shipmentNumber": ', details: [{ path: "body", message: "must be valid JSON" }] },
      { name: "an empty body", body: "", details: [{ path: "body", message: "must be valid JSON" }] },
      {
        name: "a form content type",
        body: JSON.stringify(FABRIC_REQUEST),
        headers: { ...FABRIC_HEADERS, "Content-Type": "application/x-www-form-urlencoded" },
        details: [{ path: "content-type", message: "must be application/json" }],
      },
      { name: "a JSON array", body: "[]", details: [{ path: "body", message: "must be a JSON object" }] },
      { name: "JSON null", body: "null", details: [{ path: "body", message: "must be a JSON object" }] },
    ];

    for (const { name, body, headers, details } of malformed) {
      it(`update-tracking with ${name}: 400 validation_error with details`, async () => {
        const res = await postFabric(gw, body, headers);
        expect(res.status).toBe(400);
        const message = `Invalid input: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`;
        expect(res.body).toEqual({ error: { type: "validation_error", message, details } });
      });
      it(`update-tracking with ${name} and no credentials: 401 first`, async () => {
        const res = await postFabric(gw, body, withoutAuth(headers ?? FABRIC_HEADERS));
        expect(res.status).toBe(401);
        expect(res.body.error.type).toBe("authentication_error");
      });
    }

    it("answers an unknown method on a known path with 405 and Allow", async () => {
      const res = await rest(gw, UPDATE_TRACKING_PATH, { method: "GET", headers: FABRIC_HEADERS });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(res.body).toEqual({ error: { type: "validation_error", message: "Method GET is not allowed here; use POST" } });
    });
  });

  describe("V5 sync", () => {
    const SYNC_FIELDS = [
      "id",
      "merchant_invoice_id",
      "fulfillment_method",
      "shipment_tracking_number",
      "shipment_courier",
      "verification_status",
      "created_at",
      "updated_at",
      "tracking_status",
      "tracking_substatus",
      "expected_delivery",
    ];
    const basic = { Authorization: DEMO_BASIC_AUTHORIZATION };
    const GRAPHQL_SYNC = "mutation ($id: ID!) { syncShipmentTracking(shipmentId: $id) { id } }";

    for (const path of ["/v5/shipments/ship_1234567890abcdef/sync", "/shipments/ship_1234567890abcdef/sync"]) {
      it(`answers the seed's example POST ${path} with every documented field`, async () => {
        const res = await rest(gw, path, { headers: basic });
        expect(res.status).toBe(200);
        expect(Object.keys(res.body)).toEqual(SYNC_FIELDS);
        expect(res.body).toMatchObject({
          id: "ship_1234567890abcdef",
          merchant_invoice_id: "inv_1234567890abcdef",
          fulfillment_method: "shipping_provider",
          shipment_tracking_number: "1Z123E45678901234",
          shipment_courier: "ups",
          verification_status: expect.stringMatching(/^(verified|pending)$/),
          created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
          updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
        });
        for (const field of ["tracking_status", "tracking_substatus", "expected_delivery"]) {
          expect(["string", "object"]).toContain(typeof res.body[field]); // string or null
        }
        expect(conformance(openapi, responseSchema(openapi, "/v5/shipments/{shipment_id}/sync", "post", 200), res.body)).toEqual([]);
      });
    }

    it("writes the courier's status in the seed's lower case", async () => {
      // The simulator's scripted number for a delivered parcel.
      const created = await gw.graphql(
        "mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }",
        {
          input: {
            shipmentNumber: "REST-SYNC-1",
            shipmentCourier: "simulator",
            shipmentTrackingNumber: "EZ4000000004",
            cartons: [{ trackingNumber: "EZ4000000004" }],
          },
        },
        { authorization: DEMO_BASIC_AUTHORIZATION },
      );
      const res = await rest(gw, `/v5/shipments/${created.body.data.createShipment.id}/sync`, { headers: basic });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tracking_status: "delivered",
        tracking_substatus: "delivered_001",
        verification_status: "verified",
      });
      // Every documented field, even the ones this shipment has no value for.
      expect(Object.keys(res.body)).toEqual(SYNC_FIELDS);
      expect(res.body.merchant_invoice_id).toBeNull();
      expect(res.body.expected_delivery === null || typeof res.body.expected_delivery === "string").toBe(true);
      expect(conformance(openapi, responseSchema(openapi, "/v5/shipments/{shipment_id}/sync", "post", 200), res.body)).toEqual([]);
    });

    const syncSituations: {
      name: string;
      id: string;
      headers: Record<string, string>;
      status: number;
      error: Record<string, unknown>;
      graphql?: string | null;
    }[] = [
      {
        name: "no credentials",
        id: "ship_1234567890abcdef",
        headers: {},
        status: 401,
        error: { type: "authentication_error", message: "Missing credentials: send Authorization: Basic" },
        graphql: "Missing credentials: send Authorization: Basic or Bearer",
      },
      {
        name: "a wrong secret",
        id: "ship_1234567890abcdef",
        headers: { Authorization: `Basic ${Buffer.from("demo:wrong").toString("base64")}` },
        status: 401,
        error: { type: "authentication_error", message: "Invalid merchant credentials" },
      },
      {
        name: "a bearer token (the fabric scheme)",
        id: "ship_1234567890abcdef",
        headers: graphqlHeaders(FABRIC_HEADERS),
        status: 401,
        error: { type: "authentication_error", message: "This endpoint takes Basic credentials" },
        graphql: null,
      },
      {
        name: "no credentials and a badly encoded id",
        id: "ship_%E0%A4%A",
        headers: {},
        status: 401,
        error: { type: "authentication_error", message: "Missing credentials: send Authorization: Basic" },
        graphql: null,
      },
      {
        name: "a channel fabric does not have",
        id: "ship_1234567890abcdef",
        headers: { ...basic, "x-fabric-channel-id": "99" },
        status: 403,
        error: { type: "forbidden_error", message: "x-fabric-channel-id must be 12 (US) or 13 (Canada)" },
      },
      {
        name: "an unknown shipment",
        id: "ship_doesnotexist",
        headers: basic,
        status: 404,
        error: { type: "not_found_error", message: "Shipment not found" },
      },
    ];

    for (const situation of syncSituations) {
      it(`sync with ${situation.name}: ${situation.status} ${situation.error.type}`, async () => {
        const res = await rest(gw, `/v5/shipments/${situation.id}/sync`, { headers: situation.headers });
        expect(res.status).toBe(situation.status);
        expect(res.body).toEqual({ error: situation.error });
        expect(
          conformance(openapi, responseSchema(openapi, "/v5/shipments/{shipment_id}/sync", "post", situation.status), res.body),
        ).toEqual([]);
        if (res.status === 401) expect(res.headers.get("www-authenticate")).toBe('Basic realm="shipments"');
        if (situation.graphql === null) return;
        const graphql = await gw.graphql(GRAPHQL_SYNC, { id: situation.id }, situation.headers);
        expect(graphqlAnswer(graphql)).toEqual({ ...restAnswer(res), message: situation.graphql ?? situation.error.message });
      });
    }

    it("answers a badly encoded id with 400 once authenticated", async () => {
      const res = await rest(gw, "/v5/shipments/ship_%E0%A4%A/sync", { headers: basic });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          type: "validation_error",
          message: "Invalid input: path: contains an invalid percent-encoding",
          details: [{ path: "path", message: "contains an invalid percent-encoding" }],
        },
      });
    });

    it("answers another tenant's shipment as not found, never revealing it", async () => {
      const other = await gw.tenant("other-merchant");
      const res = await rest(gw, "/v5/shipments/ship_1234567890abcdef/sync", { headers: { Authorization: other.basic.authorization! } });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { type: "not_found_error", message: "Shipment not found" } });
    });

    it("answers GET on a sync path with 405", async () => {
      const res = await rest(gw, "/shipments/ship_1234567890abcdef/sync", { method: "GET", headers: basic });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    });
  });

  it("serves its OpenAPI 3.1 document", async () => {
    const res = await fetch(new URL("/openapi.json", gw.url));
    expect(res.status).toBe(200);
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([UPDATE_TRACKING_PATH, "/v5/shipments/{shipment_id}/sync", "/shipments/{shipment_id}/sync", "/openapi.json"]),
    );
    // One scheme per route, as the routes enforce, and the channels they take.
    expect(openapi.paths[UPDATE_TRACKING_PATH].post.security).toEqual([{ bearerAuth: [] }]);
    expect(openapi.paths["/v5/shipments/{shipment_id}/sync"].post.security).toEqual([{ basicAuth: [] }]);
    const channel = openapi.paths[UPDATE_TRACKING_PATH].post.parameters.find((p: { name: string }) => p.name === "x-fabric-channel-id");
    expect(channel).toMatchObject({ required: true, schema: { enum: ["12", "13"] } });
  });

  it("describes what the GraphQL schema has too in the schema's words", () => {
    const field = (type: string, name: string) =>
      (schema.getType(type) as GraphQLObjectType | GraphQLInputObjectType).getFields()[name]!.description;
    const { schemas } = openapi.components;
    expect(schemas.TrackingEvent.properties.event.description).toBe(field("TrackingEventInput", "event"));
    expect(schemas.UpdateTrackingRequest.properties.tracking.description).toBe(field("UpdateTrackingInput", "tracking"));
    expect(schemas.Carton.properties.weight.description).toBe(field("Carton", "weight"));
    expect(schemas.FabricShipment.properties.shipToAddress.properties.latitude.description).toBe(field("ShipToAddress", "latitude"));
    // Words only REST has stay REST's: what the sync seed sends when the gateway does not know a field.
    expect(schemas.SyncedShipment.properties.shipment_courier.description).toBe(
      `${field("Shipment", "shipmentCourier")} Null when the shipment has none.`,
    );
    const shipmentId = openapi.paths["/v5/shipments/{shipment_id}/sync"].post.parameters.find(
      (p: { name: string }) => p.name === "shipment_id",
    );
    const syncArg = (schema.getType("Mutation") as GraphQLObjectType)
      .getFields()
      .syncShipmentTracking!.args.find((arg) => arg.name === "shipmentId");
    expect(shipmentId.description).toBe(syncArg!.description);
  });
});

describe("REST error mapping", () => {
  it("answers a masked GraphQL error as a 500 api_error, revealing nothing", () => {
    const masked = [{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR", originalError: { message: "db down" } } }];
    expect(fromGraphQL(new Response(null, { status: 200 }), masked, {})).toEqual({
      status: 500,
      headers: {},
      body: { error: { type: "api_error", message: "Unexpected error." } },
    });
  });

  it("keeps a courier error's status, Retry-After and upstream facts", () => {
    const courierError = {
      message: "ups is unavailable",
      extensions: {
        code: "COURIER_ERROR",
        type: "courier_error",
        courier: "ups",
        upstream: { status: 503, type: "unavailable" },
        retryAfter: 30,
      },
    };
    const response = new Response(null, { status: 503, headers: { "retry-after": "30" } });
    expect(fromGraphQL(response, [courierError], {})).toEqual({
      status: 503,
      headers: { "retry-after": "30" },
      body: {
        error: { type: "courier_error", message: "ups is unavailable", courier: "ups", upstream: { status: 503, type: "unavailable" } },
      },
    });
  });
});

describe("REST rate limits", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ rateLimitPoints: 1 });
    await seedDemo(gw.db);
  });
  afterAll(() => gw.close());

  it("answers 429 rate_limit_error with Retry-After, as GraphQL does, from one budget", async () => {
    expect((await postFabric(gw, SEED_CURL_BODY)).status).toBe(200);
    const res = await postFabric(gw, SEED_CURL_BODY);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ error: { type: "rate_limit_error", message: "Too many requests" } });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);

    const graphql = await gw.graphql(GRAPHQL_UPDATE_TRACKING, { input: FABRIC_REQUEST }, graphqlHeaders(FABRIC_HEADERS));
    expect(graphqlAnswer(graphql)).toEqual(restAnswer(res));
    expect(graphql.headers.get("retry-after")).toBe(res.headers.get("retry-after"));
  });
});
