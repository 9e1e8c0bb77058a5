/**
 * A REST client sent a body (or a path), not a GraphQL variable: validation details are reworded
 * here, at the REST edge, from graphql-js's terms (`Variable "$input" got invalid value …`, type
 * names, path `input.tracking[0]`) into the request's own (`tracking[0].eventRecordedAt: is required`).
 */
import type { ValidationDetail } from "../errors.js";

/** What each GraphQL variable of a route is on the REST request; "" is the body itself. */
export type RequestNames = Record<string, string>;

const SCALARS: Record<string, string> = {
  String: "must be a string",
  ID: "must be a string",
  Int: "must be an integer",
  Float: "must be a number",
  Boolean: "must be true or false",
};

/** graphql-js's input coercion messages; a match names the field it is about, or none. */
const WORDINGS: ReadonlyArray<[RegExp, (match: RegExpExecArray) => { field?: string; message: string }]> = [
  [/^Field "([^"]+)" of required type "[^"]+" was not provided\.$/, (m) => ({ field: m[1], message: "is required" })],
  [/^Field "([^"]+)" is not defined by type "[^"]+"\./, (m) => ({ field: m[1], message: "is not a field of this request" })],
  [/^Expected non-nullable type "[^"]+" not to be null\.$/, () => ({ message: "must not be null" })],
  [/^Expected type "[^"]+" to be an object\.$/, () => ({ message: "must be an object" })],
  [/^(String|ID|Int|Float|Boolean) cannot represent /, (m) => ({ message: SCALARS[m[1]!]! })],
];

/** `input.tracking[0]` → `tracking[0]` when `input` is the body; `shipmentId` → `shipment_id`. */
function requestPath(path: string, names: RequestNames): string {
  const variable = /^[^.[]+/.exec(path)?.[0] ?? "";
  const name = names[variable];
  if (name === undefined) return path;
  const rest = path.slice(variable.length);
  return name ? name + rest : rest.replace(/^\./, "");
}

/** The field a message names, unless the path already ends with it. */
const join = (path: string, field: string | undefined) =>
  !field || path === field || path.endsWith(`.${field}`) ? path : path ? `${path}.${field}` : field;

export function inRequestWords(detail: ValidationDetail, names: RequestNames): ValidationDetail {
  const path = requestPath(detail.path, names);
  for (const [pattern, reword] of WORDINGS) {
    const match = pattern.exec(detail.message);
    if (!match) continue;
    const { field, message } = reword(match);
    return { path: join(path, field) || "body", message };
  }
  return { path: path || "body", message: detail.message };
}
