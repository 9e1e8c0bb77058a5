/**
 * Fuzzing createShipment and updateTracking with hostile values (NUL, lone surrogates, huge strings,
 * impossible and far-off instants, oversized decimals) in random fields: every answer is either a
 * success or a 400 validation_error with details — never a 500 — and the tenant's shipments stay
 * readable afterwards.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type GraphQLResponse, type TestGateway } from "./support/gateway.js";

const READ_ALL = /* GraphQL */ `{
  shipments(first: 100) {
    nodes { id shipmentNumber poNumber shippedAt cartons { trackingNumber items { sku refundAmount } trackingEvents { event eventRecordedAt location } }
      shipToAddress { city latitude } }
  }
}`;

const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: fc.constantFrom("a", "\u0000", "\uD800", "\uDC00", "😀", "é"), maxLength: 12 }),
  fc.integer({ min: 200, max: 3_000 }).map((n) => "x".repeat(n)),
  fc.constant(""),
);

const two = (n: number) => String(n).padStart(2, "0");
const hostileInstant = fc.oneof(
  fc
    .date({ min: new Date("1960-01-01T00:00:00Z"), max: new Date("2150-01-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
    )
    .map(([y, mo, d, h, mi]) => `${String(y).padStart(4, "0")}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:00Z`),
  hostileString,
);

const hostileDecimal = fc.oneof(
  fc.double({ noNaN: true }),
  fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 7 })).map(([i, f]) => `${i}.${f}`),
  hostileString,
);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const shipmentInput = fc.record(
  {
    shipmentNumber: hostileString,
    poNumber: maybe(hostileString),
    shippedAt: maybe(hostileInstant),
    orderNumbers: maybe(fc.array(hostileString, { maxLength: 3 })),
    cartons: maybe(
      fc.array(
        fc.record(
          {
            trackingNumber: hostileString,
            items: maybe(fc.array(fc.record({ sku: maybe(hostileString), refundAmount: maybe(hostileDecimal) }), { maxLength: 3 })),
            tracking: maybe(
              fc.array(fc.record({ event: hostileString, eventRecordedAt: hostileInstant, location: maybe(hostileString) }), {
                maxLength: 3,
              }),
            ),
          },
          { requiredKeys: ["trackingNumber"] },
        ),
        { maxLength: 3 },
      ),
    ),
    shipToAddress: maybe(fc.record({ city: maybe(hostileString), latitude: maybe(hostileDecimal) })),
  },
  { requiredKeys: ["shipmentNumber"] },
);

const trackingInput = fc.array(
  fc.record({ event: hostileString, eventRecordedAt: hostileInstant, eventId: maybe(hostileString), location: maybe(hostileString) }),
  {
    minLength: 1,
    maxLength: 4,
  },
);

/** Success, or BAD_USER_INPUT / 400 with details; anything else (a 500, a masked error) fails. */
function expectSuccessOrValidationError(res: GraphQLResponse) {
  if (!res.body.errors) {
    expect(res.status).toBe(200);
    return;
  }
  expect(res.status).toBe(400);
  for (const error of res.body.errors) {
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", type: "validation_error" });
    expect(error.extensions!.details.length).toBeGreaterThan(0);
  }
}

describe("fuzzing mutation inputs", () => {
  let gw: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway();
    auth = (await gw.tenant("fuzz")).basic;
    const base = await gw.graphql(
      'mutation { createShipment(input: { shipmentNumber: "FUZZ", cartons: [{ trackingNumber: "FUZZ1" }] }) { id } }',
      {},
      auth,
    );
    expect(base.body.errors).toBeUndefined();
  });
  afterAll(() => gw.close());

  async function expectStillReadable() {
    const read = await gw.graphql(READ_ALL, {}, auth);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.shipments.nodes.length).toBeGreaterThan(0);
  }

  it("createShipment: success or 400 with details, never 500; shipments stay readable", async () => {
    await fc.assert(
      fc.asyncProperty(shipmentInput, async (input) => {
        expectSuccessOrValidationError(
          await gw.graphql("mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { id } }", { input }, auth),
        );
        await expectStillReadable();
      }),
      { numRuns: 60 },
    );
  });

  it("updateTracking: success or 400 with details, never 500; shipments stay readable", async () => {
    await fc.assert(
      fc.asyncProperty(trackingInput, fc.option(hostileString, { nil: "FUZZ1" }), async (tracking, trackingNumber) => {
        const res = await gw.graphql(
          "mutation ($input: UpdateTrackingInput!) { updateTracking(input: $input) { appliedEvents { id eventRecordedAt } } }",
          { input: { shipmentNumber: "FUZZ", trackingNumber, tracking } },
          auth,
        );
        // A well-formed number of no carton is NOT_FOUND, as it should be; everything else is judged.
        if (res.body.errors?.[0]?.extensions?.code === "NOT_FOUND") expect(res.status).toBe(404);
        else expectSuccessOrValidationError(res);
        await expectStillReadable();
      }),
      { numRuns: 60 },
    );
  });
});
