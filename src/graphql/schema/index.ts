/** The executable schema: importing each type file registers it with the builder. */
import { builder } from "./builder.js";
import { guardFields } from "./guarded-fields.js";
import "./scalars.js";
import "./enums.js";
import "./money.js";
import "./contact.js";
import "./recipient.js";
import "./ship-to-address.js";
import "./scratched-item.js";
import "./audit-log.js";
import "./item.js";
import "./tracking-event.js";
import "./carton.js";
import "./shipment.js";
import "./public-tracking-url.js";
import "./status-counts.js";
import "./create-shipment.js";
import "./update-tracking.js";
import "./sync-shipment-tracking.js";
import "./tracking-updated.js";
import "./webhook-endpoint.js";

export const schema = guardFields(builder.toSchema({ sortSchema: false }));
