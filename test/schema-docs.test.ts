import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE, LIST_LENGTH, PAGE_SIZE, STRING_KIND, STRING_LENGTH } from "../src/input-limits.js";
import { schema } from "../src/graphql/schema/index.js";

/** Every schema coordinate (`Type`, `Type.field`, `Type.field.argument`, `Enum.VALUE`) with its description. */
function describedCoordinates(type: GraphQLNamedType): [string, string | null | undefined][] {
  const entries: [string, string | null | undefined][] = [[type.name, type.description]];
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      entries.push([`${type.name}.${field.name}`, field.description]);
      for (const arg of field.args) entries.push([`${type.name}.${field.name}.${arg.name}`, arg.description]);
    }
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) entries.push([`${type.name}.${field.name}`, field.description]);
  }
  if (isEnumType(type)) {
    for (const value of type.getValues()) entries.push([`${type.name}.${value.name}`, value.description]);
  }
  return entries;
}

const ours = Object.values(schema.getTypeMap()).filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type));
const descriptions = new Map(ours.flatMap(describedCoordinates));

/** The coordinates whose description does not mention `number`. */
function notStating(coordinates: string[], number: number): string[] {
  return coordinates.filter((coordinate) => !descriptions.get(coordinate)?.includes(String(number)));
}

describe("schema documentation", () => {
  it("describes every type, field, argument, enum value and input field", () => {
    const undocumented = [...descriptions].filter(([, description]) => !description?.trim()).map(([coordinate]) => coordinate);
    expect(undocumented).toEqual([]);
  });

  it("cites no document outside the repository", () => {
    const citing = [...descriptions].filter(([, description]) => /DESIGN|§/.test(description ?? "")).map(([coordinate]) => coordinate);
    expect(citing).toEqual([]);
  });

  it("states the input limits that differ from the general ones on their fields", () => {
    for (const [field, kind] of Object.entries(STRING_KIND)) expect(notStating([field], STRING_LENGTH[kind]), field).toEqual([]);
    for (const [field, entries] of Object.entries(LIST_LENGTH)) expect(notStating([field], entries), field).toEqual([]);
  });

  it("states the default and the largest page size on every paging argument", () => {
    const paging = [...descriptions.keys()].filter(
      (coordinate) => /\.(first|last)$/.test(coordinate) && coordinate.split(".").length === 3,
    );
    expect(paging.length).toBeGreaterThan(0);
    expect(notStating(paging, PAGE_SIZE)).toEqual([]);
    expect(
      notStating(
        paging.filter((coordinate) => coordinate.endsWith(".first")),
        DEFAULT_PAGE_SIZE,
      ),
    ).toEqual([]);
  });
});
