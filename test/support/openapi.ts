/**
 * Checks a JSON value against a response schema of our OpenAPI document, so the document stays
 * accurate to what the routes answer: undocumented fields, missing required ones, wrong types and
 * values outside an enum are all reported, by path.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
};

export function responseSchema(doc: any, path: string, method: string, status: number): Schema {
  const schema = doc.paths[path]?.[method]?.responses?.[String(status)]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} documents no ${status} JSON response`);
  return schema;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function typeFits(expected: string, value: unknown): boolean {
  if (expected === "integer") return Number.isInteger(value);
  return expected === typeOf(value);
}

export function conformance(doc: any, schema: Schema, value: unknown, path = "$"): string[] {
  if (schema.$ref) return conformance(doc, doc.components.schemas[schema.$ref.split("/").pop()!], value, path);
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length && !types.some((t) => typeFits(t, value))) return [`${path}: expected ${types.join("|")}, got ${JSON.stringify(value)}`];
  if (schema.enum && value !== null && !schema.enum.includes(value))
    return [`${path}: ${JSON.stringify(value)} is not one of the documented values`];
  if (Array.isArray(value)) return value.flatMap((entry, i) => conformance(doc, schema.items ?? {}, entry, `${path}[${i}]`));
  if (typeOf(value) !== "object") return [];
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  return [
    ...(schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: required but missing`),
    ...Object.entries(record).flatMap(([key, field]) =>
      properties[key] ? conformance(doc, properties[key], field, `${path}.${key}`) : [`${path}.${key}: not documented`],
    ),
  ];
}
