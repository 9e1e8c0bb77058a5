/** fabric's `POST /v3/shipments/actions/update-tracking`, answered by `Mutation.updateTracking`. */
import { ValidationError } from "../errors.js";
import { readJsonObject } from "./body.js";
import { execute } from "./execute.js";
import { FABRIC_SHIPMENT_FRAGMENT, toFabricJson } from "./fabric-document.js";
import type { RouteHandler } from "./route.js";

export const UPDATE_TRACKING = /* GraphQL */ `
  mutation RestUpdateTracking($input: UpdateTrackingInput!) {
    updateTracking(input: $input) { shipments { ...FabricShipment } }
  }
  ${FABRIC_SHIPMENT_FRAGMENT}
`;

// fabric marks both required; GraphQL lets the channel default to 12 and takes the tenant from the token.
const REQUIRED_HEADERS = ["x-fabric-tenant-id", "x-fabric-channel-id"];

export const updateTracking: RouteHandler = async ({ gateway, req }) => {
  const missing = REQUIRED_HEADERS.filter((name) => !req.headers[name]);
  if (missing.length) throw new ValidationError(missing.map((name) => ({ path: name, message: "header is required" })));
  // The body is the mutation's input as it stands: same fields, same validation as GraphQL.
  const input = await readJsonObject(req);
  const outcome = await execute<{ updateTracking: { shipments: unknown[] } }>(gateway, UPDATE_TRACKING, { input }, req.headers);
  if (!outcome.ok) return outcome.error;
  return { status: 200, headers: {}, body: { shipments: outcome.data.updateTracking.shipments.map(toFabricJson) } };
};
