/**
 * OpenAPI 3.1 description of the REST endpoints, served at `GET /openapi.json`. Hand-written to say
 * what the routes in this folder do; enum values come from the Prisma enums so they cannot drift.
 */
import * as enums from "../generated/prisma/enums.js";

type Schema = Record<string, unknown>;

const str = (description: string, example?: string): Schema => ({ type: "string", description, ...(example ? { example } : {}) });
const int = (description: string, example?: number): Schema => ({ type: "integer", description, ...(example !== undefined ? { example } : {}) });
const num = (description: string, example?: number): Schema => ({ type: "number", description, ...(example !== undefined ? { example } : {}) });
const instant = (description: string): Schema => ({ type: "string", format: "date-time", description, example: "2024-01-15T10:30:00.000Z" });
const oneOf = (values: Record<string, string>, description: string, lower = false): Schema => ({
  type: "string",
  enum: Object.values(values).map((v) => (lower ? v.toLowerCase() : v)),
  description,
});
const list = (items: Schema, description?: string): Schema => ({ type: "array", items, ...(description ? { description } : {}) });
const object = (properties: Record<string, Schema>, required: string[] = [], description?: string): Schema => ({
  type: "object",
  properties,
  ...(required.length ? { required } : {}),
  ...(description ? { description } : {}),
});
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type, "null"] });

const ABSENT = "Fields the shipment does not have are left out.";
/** The sync seed's fields the gateway may not know for a shipment; the seed types them string. */
const UNKNOWN_SYNC_FIELD = "null when the shipment has none.";

const schemas: Record<string, Schema> = {
  Error: object(
    {
      error: object(
        {
          type: {
            type: "string",
            enum: ["authentication_error", "forbidden_error", "not_found_error", "validation_error", "rate_limit_error", "conflict_error", "courier_error", "api_error"],
            description: "A short string describing the error type.",
          },
          message: str("A short string describing the error.", "Shipment not found"),
          details: list(ref("ValidationDetail"), "validation_error only: each problem with the input."),
          currentVersion: int("conflict_error only: the shipment's current version."),
          courier: str("courier_error only: the courier that failed.", "ups"),
          upstream: object({ status: int("The courier's HTTP status, when it answered."), type: str("What went wrong upstream.", "timeout") }, ["type"], "courier_error only."),
        },
        ["type", "message"],
      ),
    },
    ["error"],
  ),
  ValidationDetail: object({ path: str("Where the problem is in the request: a body field, a header or the path.", "tracking[0].event"), message: str("What is wrong.", "must not be empty") }, ["path", "message"]),
  TrackingEvent: {
    ...object(
      {
        event: str("Shipment-specific event. Mandatory.", "picked up"),
        eventId: str("Event ID provided by the carrier; re-sending an event with the same id is a no-op.", "627963716b19511e8a3a631b"),
        eventRecordedAt: instant("Time the event was recorded; must carry an offset (UTC preferred)."),
        location: str("Delivery location.", "Reno, NV"),
        notes: object({ description: str("Free-text note.", "Shipment picked up") }, ["description"]),
        shipmentCarrier: str("Shipment carrier.", "FEDEX"),
      },
      ["event", "eventRecordedAt"],
    ),
    additionalProperties: false,
  },
  UpdateTrackingRequest: {
    ...object(
      {
        shipmentNumber: str("Merchant-defined unique shipment identifier.", "78974156816152"),
        trackingNumber: str("Tracking number of the carton the events belong to.", "1Z999AA10123456784"),
        tracking: list(ref("TrackingEvent"), "Tracking details, in any order."),
        trackingURL: str("Tracking URL.", "https://example.com/tracking"),
        expectedVersion: int("Gateway extension: apply only if the shipment is still at this version, else 409 conflict_error."),
      },
      ["shipmentNumber", "trackingNumber", "tracking"],
      "Unknown fields are refused (400 validation_error naming each), not dropped, so a misspelt field never loses data silently.",
    ),
    additionalProperties: false,
  },
  AmountInCurrency: object(
    { currency: str("Currency in ISO-4217.", "USD"), group: str("Customer-defined function using this currency.", "SHOPPER"), amount: num("Amount in currency.", 123.45) },
    ["currency", "amount"],
  ),
  PersonName: object({ firstName: str("First name."), lastName: str("Last name."), middleName: str("Middle name.") }),
  Phone: object({ number: str("Phone number.", "123-456-7890"), type: str("Phone type.", "MOBILE") }),
  Item: object({
    fees: list(
      object({
        amount: num("Merchant-defined fee amount.", 34.56),
        amountInCurrencies: list(ref("AmountInCurrency")),
        name: str("Fee name.", "RETURN_FEE"),
        reason: str("Merchant-defined reason.", "Return fee"),
        type: oneOf(enums.FeeType, "Fee type."),
      }),
    ),
    giftCards: list(
      object({
        amount: num("Gift card amount.", 50),
        amountInCurrencies: list(ref("AmountInCurrency")),
        giftCardActivatedAt: instant("Time the gift card was activated (UTC)."),
        giftCardActivationRequestedAt: instant("Time activation was requested (UTC)."),
        giftCardNumber: str("Gift card number."),
        giftCardStatus: oneOf(enums.GiftCardStatus, "Gift card status."),
      }),
    ),
    itemId: int("Unique item identifier.", 100023),
    lineItemId: str("Merchant-defined identifier of the item in its order."),
    orderId: str("Order ID from fabric's Create Order endpoint."),
    orderNumber: str("Merchant-defined order identifier."),
    orderedQuantity: int("Ordered quantity."),
    refundAmount: num("Refund amount for returned items."),
    refundAmountInCurrencies: list(ref("AmountInCurrency")),
    returnQuantity: int("Returned quantity."),
    segment: str("Item segment."),
    shipmentLineItemId: str("Identifier of the item within the shipment."),
    shippedQuantity: int("Shipped quantity."),
    sku: str("Stock keeping unit."),
    uom: str("Unit of measure.", "EA"),
    vendorId: str("Vendor responsible for the item."),
  }, ["fees", "giftCards", "refundAmountInCurrencies"]),
  Carton: object({
    cartonNumber: str("Merchant-defined carton identifier.", "1"),
    cartonType: str("Carton type.", "Package"),
    estimatedDeliveryDate: instant("Delivery date estimated by the carrier (UTC)."),
    estimatedShipmentDate: instant("Ship date estimated by the seller (UTC)."),
    items: list(ref("Item")),
    promisedDeliveryDate: instant("Delivery date promised by the seller (UTC)."),
    shipmentCarrier: str("Carrier name.", "FEDEX"),
    shipmentMethod: str("Shipment method.", "ground"),
    tracking: list(ref("TrackingEvent"), "The carton's tracking events, oldest first."),
    trackingNumber: str("The carton's tracking number.", "1Z999AA10123456784"),
    trackingURL: str("Carton tracking URL."),
    weight: str("Carton weight.", "500 grams"),
  }, ["items", "tracking"]),
  FabricShipment: object(
    {
      version: int("Number of times the shipment document has been changed by any operation.", 2),
      allocationId: str("Allocation this shipment was created from."),
      auditLogs: list(
        object({
          auditId: str("Audit ID."),
          auditType: str("Audit type, e.g. CANCEL, or TRACKING_UPDATE for applied tracking."),
          auditedAt: instant("Audit time (UTC)."),
          employeeId: str("Employee who made the change."),
          lineItemId: str("Line item the change concerns."),
          note: str("Additional info."),
          reasonCode: str("Merchant-defined reason code."),
          source: str("Where the change came from, e.g. POS, or PUSH for this endpoint."),
          subReasonCode: str("Merchant-defined sub-reason code."),
          updatedFields: list(object({ fieldName: str("Field name."), fieldOriginalValue: str("Value before the change.") }, ["fieldName"])),
        }, ["auditId", "auditType", "auditedAt", "updatedFields"]),
        "Audited changes, oldest first.",
      ),
      cartons: list(ref("Carton")),
      createdAt: instant("Shipment creation time (UTC)."),
      invoiceId: str("Invoice ID."),
      locationNumber: str("Ship-from location number."),
      locationType: str("Ship-from location type.", "DC"),
      masterTrackingNumber: str("Master tracking number for all cartons."),
      orderNumbers: list({ type: "string" }, "Order numbers of the shipment."),
      poNumber: str("Merchant-defined purchase order number."),
      recipients: list(object({ email: str("Recipient's email."), name: ref("PersonName"), phone: ref("Phone") })),
      reshipmentReasonCode: str("Reshipment reason code."),
      scratchedItems: list(
        object({
          reasonCode: str("Reason code for the scratch."),
          itemId: int("Unique item identifier."),
          lineItemId: str("Line item identifier."),
          orderId: str("Order ID."),
          quantity: int("Number of scratched items."),
          sku: str("Stock keeping unit."),
          subReasonCode: str("Sub-reason code."),
          uom: str("Unit of measure."),
        }),
      ),
      shipToAddress: object({
        addressLine1: str("Address line 1."),
        city: str("City name."),
        countryCode: str("ISO 3166-1 alpha-2 country code.", "US"),
        latitude: num("Decimal degrees, -90 to 90.", 47.6205),
        longitude: num("Decimal degrees, -180 to 180.", -122.3493),
        postalCode: str("Postal or ZIP code."),
        region: str("Region or state."),
        type: str("Address type.", "Home"),
        addressLine2: str("Address line 2."),
        addressLine3: str("Address line 3."),
        addressLine4: str("Address line 4."),
        email: str("Contact person's email."),
        name: ref("PersonName"),
        phone: ref("Phone"),
      }),
      shipToId: str("Ship-to ID."),
      shipmentId: str("fabric's system-generated shipment ID."),
      shipmentNumber: str("Merchant-defined unique shipment identifier.", "78974156816152"),
      shipmentExternalId: str("Merchant's identifier in external systems."),
      shippedAt: instant("Order shipment time (UTC)."),
      statusCode: oneOf(enums.StatusCode, "Current shipment status, derived from the cartons' tracking."),
      subtype: str("Shipment subtype.", "COD"),
      totalCartons: int("Total number of cartons."),
      type: oneOf(enums.ShipmentType, "Shipment type."),
      updatedAt: instant("Time of last update (UTC)."),
      vendorId: str("Vendor ID."),
    },
    ["version", "auditLogs", "cartons", "createdAt", "orderNumbers", "recipients", "scratchedItems", "statusCode", "type", "updatedAt"],
    `fabric's shipment document, as fabric writes it. ${ABSENT}`,
  ),
  SyncedShipment: object(
    {
      id: str("Unique identifier of the Shipment.", "ship_1234567890abcdef"),
      merchant_invoice_id: nullable(str(`ID of the associated merchant invoice; ${UNKNOWN_SYNC_FIELD}`, "inv_1234567890abcdef")),
      fulfillment_method: oneOf(enums.FulfillmentMethod, "Method of fulfillment for the shipment.", true),
      shipment_tracking_number: nullable(str(`Tracking number provided by the shipping courier; ${UNKNOWN_SYNC_FIELD}`, "1Z123E45678901234")),
      shipment_courier: nullable(str(`Shipping courier code; ${UNKNOWN_SYNC_FIELD}`, "ups")),
      verification_status: oneOf(enums.VerificationStatus, "Manual or automatic verification status of the shipment.", true),
      created_at: instant("Date time when the shipment was created."),
      updated_at: instant("Date time when the shipment was last updated."),
      tracking_status: nullable(oneOf(enums.TrackingStatus, "Current tracking status of the shipment from the courier.", true)),
      tracking_substatus: nullable(str("Detailed tracking substatus.", "delivered_001")),
      expected_delivery: nullable(instant("Expected delivery date and time provided by the shipping courier.")),
    },
    [
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
    ],
    "The shipment after syncing: every documented field, always, null when unknown.",
  ),
};

const error = (description: string, headers: Record<string, Schema> = {}) => ({
  description,
  ...(Object.keys(headers).length ? { headers } : {}),
  content: { "application/json": { schema: ref("Error") } },
});

// Credentials are checked first: a request without valid ones is a 401 whatever else is wrong with it.
const errors = (scheme: string) => ({
  "400": error(
    "validation_error: a malformed request (bad JSON, wrong content type, missing required header) or invalid input; `details` names each problem by its place in the request (`tracking[0].eventRecordedAt`, `x-fabric-channel-id`).",
  ),
  "401": error(`authentication_error: no or bad credentials, or credentials of another scheme than ${scheme}.`, {
    "WWW-Authenticate": { description: `${scheme} realm="shipments"`, schema: { type: "string" } },
  }),
  "403": error("forbidden_error: x-fabric-tenant-id does not match the credentials, an x-fabric-channel-id other than 12 or 13, or revoked credentials."),
  "404": error("not_found_error: the shipment (or carton) does not exist for the caller."),
  "405": error("validation_error: the path does not serve this method (see `Allow`)."),
  "429": error("rate_limit_error: the credentials are over their rate limit.", {
    "Retry-After": { description: "Seconds until the budget refills.", schema: { type: "integer" } },
  }),
  "500": error("api_error: an unexpected error."),
});

const header = (name: string, description: string, required: boolean, schema: Schema = { type: "string" }) => ({ name, in: "header", required, description, schema });

const requestIdHeader = header("x-fabric-request-id", "Unique request ID; echoed back in the response.", false);
const channelHeader = (required: boolean) =>
  header(
    "x-fabric-channel-id",
    `Sales channel: 12 (US) or 13 (Canada); another value is 403 forbidden_error.${required ? "" : " 12 when absent."}`,
    required,
    { type: "string", enum: ["12", "13"], example: "12" },
  );
const echoedRequestId = { "x-fabric-request-id": { description: "The request's x-fabric-request-id, when it sent one.", schema: { type: "string" } } };

const syncOperation = (operationId: string) => ({
  operationId,
  summary: "Sync Shipment Tracking",
  description:
    "Fetches the latest tracking from the shipment's courier by its tracking number, verifies it and stores it. Runs `Mutation.syncShipmentTracking`.",
  security: [{ basicAuth: [] }],
  parameters: [
    { name: "shipment_id", in: "path", required: true, description: "ID of the Shipment to sync tracking for.", schema: { type: "string", example: "ship_1234567890abcdef" } },
    channelHeader(false),
    requestIdHeader,
  ],
  responses: {
    "200": { description: "The synced shipment.", headers: echoedRequestId, content: { "application/json": { schema: ref("SyncedShipment") } } },
    ...errors("Basic"),
    "502": error("courier_error: the courier failed or rejected our credentials."),
    "503": error("courier_error: the courier is unavailable or rate-limited us.", { "Retry-After": { schema: { type: "integer" } } }),
    "504": error("courier_error: the courier timed out."),
  },
});

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Shipment tracking gateway — REST endpoints",
    version: "1.0.0",
    description:
      "The seed APIs, served through the gateway's GraphQL schema (`/graphql`): the same authentication, rate limits, data and errors as GraphQL.",
  },
  servers: [{ url: "/" }],
  paths: {
    "/v3/shipments/actions/update-tracking": {
      post: {
        operationId: "updateTracking",
        summary: "Update shipment tracking (fabric)",
        description: "Adds carrier tracking events to a carton of a shipment and returns the shipment document. Runs `Mutation.updateTracking`.",
        security: [{ bearerAuth: [] }],
        parameters: [
          header(
            "x-fabric-tenant-id",
            "Tenant making the request; part of the bearer scheme: without it 401 authentication_error, another tenant than the token's 403 forbidden_error.",
            true,
          ),
          channelHeader(true),
          requestIdHeader,
        ],
        requestBody: { required: true, content: { "application/json": { schema: ref("UpdateTrackingRequest") } } },
        responses: {
          "200": {
            description: "The updated shipment document.",
            headers: echoedRequestId,
            content: { "application/json": { schema: object({ shipments: list(ref("FabricShipment")) }, ["shipments"]) } },
          },
          ...errors("Bearer"),
          "409": error("conflict_error: `expectedVersion` is stale (see `currentVersion`)."),
        },
      },
    },
    "/v5/shipments/{shipment_id}/sync": { post: syncOperation("syncShipmentTracking") },
    "/shipments/{shipment_id}/sync": { post: syncOperation("syncShipmentTrackingUnversioned") },
    "/openapi.json": {
      get: { operationId: "openapi", summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1 document.", content: { "application/json": {} } } } },
    },
  },
  components: {
    schemas,
    securitySchemes: {
      basicAuth: { type: "http", scheme: "basic", description: "Merchant key id and secret." },
      bearerAuth: { type: "http", scheme: "bearer", description: "Bearer token; send with x-fabric-tenant-id (required, as on GraphQL)." },
    },
  },
};
