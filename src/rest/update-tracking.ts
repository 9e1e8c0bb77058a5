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

export const updateTracking: RouteHandler = async ({ gateway, viewer, req }) => {
  // fabric marks the channel required on this route (GraphQL lets it default to 12); the tenant
  // header, required too, is part of the bearer scheme and was checked with the credentials.
  if (!req.headers["x-fabric-channel-id"]) throw new ValidationError([{ path: "x-fabric-channel-id", message: "header is required" }]);
  // The body is the mutation's input as it stands: same fields, same validation as GraphQL.
  const input = await readJsonObject(req);
  const outcome = await execute<{ updateTracking: { shipments: unknown[] } }>(gateway, viewer, {
    document: UPDATE_TRACKING,
    variables: { input },
    names: { input: "" },
    headers: req.headers,
  });
  if (!outcome.ok) return outcome.error;
  return { status: 200, headers: {}, body: { shipments: outcome.data.updateTracking.shipments.map(toFabricJson) } };
};
