import { readFileSync } from "node:fs";
import { lexicographicSortSchema, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../src/graphql/schema/index.js";

describe("committed schema", () => {
  it("schema/schema.graphql equals the freshly printed schema (run `npm run codegen` when this fails)", () => {
    const committed = readFileSync(new URL("../schema/schema.graphql", import.meta.url), "utf8");
    // codegen loads schemas sorted, so the committed file is the sorted print.
    expect(committed.trim()).toBe(printSchema(lexicographicSortSchema(schema)).trim());
  });

  it("names the types and root fields clients rely on", () => {
    const types = ["Shipment", "Carton", "Item", "TrackingEvent"];
    for (const name of types) expect(schema.getType(name), name).toBeDefined();
    const query = schema.getQueryType()!.getFields();
    for (const field of ["shipment", "shipmentByNumber", "shipmentByTrackingNumber", "shipments", "node"])
      expect(query[field], field).toBeDefined();
    expect(schema.getMutationType()!.getFields().createShipment).toBeDefined();
  });
});
