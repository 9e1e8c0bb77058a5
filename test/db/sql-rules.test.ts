/** The hand-written SQL style and its row checks, by table: what pg receives, and what a row must be. */
import { describe, expect, it } from "vitest";
import { instant, integer, nullable, oneOf, records, rowOf, text, texts } from "../../src/db/rows.js";
import { empty, join, sql, statement, type Sql } from "../../src/db/sql.js";
import { TrackingStatus } from "../../src/generated/prisma/enums.js";

describe("statement", () => {
  const id = "ship_1";
  it.each<[string, Sql, string, unknown[]]>([
    [
      "values become numbered placeholders",
      sql`/* lock */ SELECT 1 FROM t WHERE id = ${id} AND n = ${2}`,
      "/* lock */ SELECT 1 FROM t WHERE id = $1 AND n = $2",
      [id, 2],
    ],
    ["a repeated value is sent twice", sql`/* twice */ SELECT ${id}, ${id}`, "/* twice */ SELECT $1, $2", [id, id]],
    [
      "a fragment is spliced in, its values numbered in turn",
      sql`/* set */ UPDATE t SET ${sql`a = ${1}`} WHERE id = ${id}`,
      "/* set */ UPDATE t SET a = $1 WHERE id = $2",
      [1, id],
    ],
    [
      "joined fragments, some without values",
      sql`/* sets */ UPDATE t SET ${join([sql`a = ${1}`, sql`b = now()`, sql`c = ${3}`], ", ")}`,
      "/* sets */ UPDATE t SET a = $1, b = now(), c = $2",
      [1, 3],
    ],
    [
      "an empty fragment adds nothing",
      sql`/* maybe */ UPDATE t SET a = ${1}${empty} WHERE true`,
      "/* maybe */ UPDATE t SET a = $1 WHERE true",
      [1],
    ],
    [
      "text that looks like SQL stays a value",
      sql`/* quote */ SELECT ${"'; DROP TABLE t; --"}`,
      "/* quote */ SELECT $1",
      ["'; DROP TABLE t; --"],
    ],
  ])("%s", (_name, fragment, text, values) => {
    expect(statement(fragment)).toEqual({ name: text.slice(3, text.indexOf(" */")), text, values });
  });

  it("refuses a statement without a leading name", () => {
    expect(() => statement(sql`SELECT ${1}`)).toThrow(/without a leading \/\* name \*\//);
    expect(() => statement(sql`SELECT 1 /* late */`)).toThrow(/without a leading/);
  });
});

describe("rowOf", () => {
  const read = rowOf({
    id: text,
    version: integer,
    status: nullable(oneOf("TrackingStatus", TrackingStatus)),
    at: instant,
    numbers: texts,
    cartons: records({ id: text, trackingURL: nullable(text) }),
  });
  const good = {
    id: "ship_1",
    version: 3,
    status: "DELIVERED",
    at: new Date(0),
    numbers: ["1Z"],
    cartons: [{ id: "ctn_1", trackingURL: null }],
  };

  it("passes a row that fits, as it is", () => {
    expect(read(good, "lockShipment")).toBe(good);
    expect(read({ ...good, status: null }, "lockShipment").status).toBeNull();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing column", { ...good, version: undefined }, 'lockShipment: column "version" is missing, expected an integer'],
    ["a bigint as text", { ...good, version: "3" }, 'lockShipment: column "version" is a string ("3"), expected an integer'],
    [
      "an unknown enum value",
      { ...good, status: "LOST" },
      'lockShipment: column "status" is a string ("LOST"), expected TrackingStatus or null',
    ],
    ["null where none is allowed", { ...good, id: null }, 'lockShipment: column "id" is null, expected text'],
    ["a timestamp as text", { ...good, at: "2024-01-01" }, 'lockShipment: column "at" is a string ("2024-01-01"), expected an instant'],
    ["a text[] holding a number", { ...good, numbers: ["1Z", 2] }, 'lockShipment: column "numbers" is an array, expected a text[]'],
    [
      "a JSON record without a key",
      { ...good, cartons: [{ id: "ctn_1" }] },
      'lockShipment: column "cartons" is an array, expected a JSON list of { id: text, trackingURL: text or null }',
    ],
  ])("names the statement and column for %s", (_name, row, message) => {
    expect(() => read(row, "lockShipment")).toThrow(message);
  });
});
