/**
 * OpenAPI 3.1 description of the REST endpoints, served at `GET /openapi.json`. Its shape is
 * hand-written to say what the routes in this folder do; a field the GraphQL schema has too is
 * described in the schema's words (the routes run its operations), enum values come from the Prisma
 * enums, so neither can drift. Only what REST alone has (errors, headers, the seeds' own notes) is
 * worded here.
 */
import { isInputObjectType, isInterfaceType, isObjectType } from "graphql";
import * as enums from "../generated/prisma/enums.js";
import { schema as graphqlSchema } from "../graphql/schema/index.js";

type Schema = Record<string, unknown>;

/**
 * The GraphQL schema's description of a field or argument, by its schema coordinate
 * (`Carton.weight`, `Mutation.syncShipmentTracking(shipmentId:)`). A coordinate the schema does not
 * describe throws as this module loads, so a renamed field cannot leave the document behind.
 */
function described(coordinate: string): string {
  const [, typeName, fieldName, argName] = /^(\w+)\.(\w+)(?:\((\w+):\))?$/.exec(coordinate) ?? [];
  const type = typeName ? graphqlSchema.getType(typeName) : undefined;
  const field = type && (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) ? type.getFields()[fieldName!] : undefined;
  const target = argName ? (field && "args" in field ? field.args.find((arg) => arg.name === argName) : undefined) : field;
  if (!target?.description) throw new Error(`The GraphQL schema has no description at ${coordinate}`);
  return target.description;
}

const str = (description: string, example?: string): Schema => ({ type: "string", description, ...(example ? { example } : {}) });
const int = (description: string, example?: number): Schema => ({
  type: "integer",
  description,
  ...(example !== undefined ? { example } : {}),
});
const num = (description: string, example?: number): Schema => ({
  type: "number",
  description,
  ...(example !== undefined ? { example } : {}),
});
const instant = (description: string): Schema => ({
  type: "string",
  format: "date-time",
  description,
  example: "2024-01-15T10:30:00.000Z",
});
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
const UNKNOWN_SYNC_FIELD = "Null when the shipment has none.";

const schemas: Record<string, Schema> = {
  Error: object(
    {
      error: object(
        {
          type: {
            type: "string",
            enum: [
              "authentication_error",
              "forbidden_error",
              "not_found_error",
              "validation_error",
              "rate_limit_error",
              "conflict_error",
              "courier_error",
              "api_error",
            ],
            description: "A short string describing the error type.",
          },
          message: str("A short string describing the error.", "Shipment not found"),
          details: list(ref("ValidationDetail"), "validation_error only: each problem with the input."),
          currentVersion: int("conflict_error only: the shipment's current version."),
          courier: str("courier_error only: the courier that failed.", "ups"),
          upstream: object(
            { status: int("The courier's HTTP status, when it answered."), type: str("What went wrong upstream.", "timeout") },
            ["type"],
            "courier_error only.",
          ),
        },
        ["type", "message"],
      ),
    },
    ["error"],
  ),
  ValidationDetail: object(
    {
      path: str("Where the problem is in the request: a body field, a header or the path.", "tracking[0].event"),
      message: str("What is wrong.", "must not be empty"),
    },
    ["path", "message"],
  ),
  TrackingEvent: {
    ...object(
      {
        event: str(described("TrackingEventInput.event"), "picked up"),
        eventId: str(described("TrackingEventInput.eventId"), "627963716b19511e8a3a631b"),
        eventRecordedAt: instant(described("TrackingEventInput.eventRecordedAt")),
        location: str(described("TrackingEventInput.location"), "Reno, NV"),
        notes: object({ description: str(described("TrackingNotesInput.description"), "Shipment picked up") }, ["description"]),
        shipmentCarrier: str(described("TrackingEventInput.shipmentCarrier"), "FEDEX"),
      },
      ["event", "eventRecordedAt"],
    ),
    additionalProperties: false,
  },
  UpdateTrackingRequest: {
    ...object(
      {
        shipmentNumber: str(described("UpdateTrackingInput.shipmentNumber"), "78974156816152"),
        trackingNumber: str(described("UpdateTrackingInput.trackingNumber"), "1Z999AA10123456784"),
        tracking: list(ref("TrackingEvent"), described("UpdateTrackingInput.tracking")),
        trackingURL: str(described("UpdateTrackingInput.trackingURL"), "https://example.com/tracking"),
        expectedVersion: int("Gateway extension: apply only if the shipment is still at this version, else 409 conflict_error."),
      },
      ["shipmentNumber", "trackingNumber", "tracking"],
      "Unknown fields are refused (400 validation_error naming each), not dropped, so a misspelt field never loses data silently.",
    ),
    additionalProperties: false,
  },
  AmountInCurrency: object(
    {
      currency: str(described("AmountInCurrency.currency"), "USD"),
      group: str(described("AmountInCurrency.group"), "SHOPPER"),
      amount: num(described("AmountInCurrency.amount"), 123.45),
    },
    ["currency", "amount"],
  ),
  PersonName: object({
    firstName: str(described("PersonName.firstName")),
    lastName: str(described("PersonName.lastName")),
    middleName: str(described("PersonName.middleName")),
  }),
  Phone: object({ number: str(described("Phone.number"), "123-456-7890"), type: str(described("Phone.type"), "MOBILE") }),
  Item: object(
    {
      fees: list(
        object({
          amount: num(described("Fee.amount"), 34.56),
          amountInCurrencies: list(ref("AmountInCurrency")),
          name: str(described("Fee.name"), "RETURN_FEE"),
          reason: str(described("Fee.reason"), "Return fee"),
          type: oneOf(enums.FeeType, described("Fee.type")),
        }),
      ),
      giftCards: list(
        object({
          amount: num(described("GiftCard.amount"), 50),
          amountInCurrencies: list(ref("AmountInCurrency")),
          giftCardActivatedAt: instant(described("GiftCard.giftCardActivatedAt")),
          giftCardActivationRequestedAt: instant(described("GiftCard.giftCardActivationRequestedAt")),
          giftCardNumber: str(described("GiftCard.giftCardNumber")),
          giftCardStatus: oneOf(enums.GiftCardStatus, described("GiftCard.giftCardStatus")),
        }),
      ),
      itemId: int(described("Item.itemId"), 100023),
      lineItemId: str(described("Item.lineItemId")),
      orderId: str(described("Item.orderId")),
      orderNumber: str(described("Item.orderNumber")),
      orderedQuantity: int(described("Item.orderedQuantity")),
      refundAmount: num(described("Item.refundAmount")),
      refundAmountInCurrencies: list(ref("AmountInCurrency")),
      returnQuantity: int(described("Item.returnQuantity")),
      segment: str(described("Item.segment")),
      shipmentLineItemId: str(described("Item.shipmentLineItemId")),
      shippedQuantity: int(described("Item.shippedQuantity")),
      sku: str(described("Item.sku")),
      uom: str(described("Item.uom"), "EA"),
      vendorId: str(described("Item.vendorId")),
    },
    ["fees", "giftCards", "refundAmountInCurrencies"],
  ),
  Carton: object(
    {
      cartonNumber: str(described("Carton.cartonNumber"), "1"),
      cartonType: str(described("Carton.cartonType"), "Package"),
      estimatedDeliveryDate: instant(described("Carton.estimatedDeliveryDate")),
      estimatedShipmentDate: instant(described("Carton.estimatedShipmentDate")),
      items: list(ref("Item")),
      promisedDeliveryDate: instant(described("Carton.promisedDeliveryDate")),
      shipmentCarrier: str(described("Carton.shipmentCarrier"), "FEDEX"),
      shipmentMethod: str(described("Carton.shipmentMethod"), "ground"),
      tracking: list(ref("TrackingEvent"), "The carton's tracking events, oldest first."),
      trackingNumber: str(described("Carton.trackingNumber"), "1Z999AA10123456784"),
      trackingURL: str(described("Carton.trackingURL")),
      weight: str(described("Carton.weight"), "500 grams"),
    },
    ["items", "tracking"],
  ),
  FabricShipment: object(
    {
      version: int(described("Shipment.version"), 2),
      allocationId: str(described("Shipment.allocationId")),
      auditLogs: list(
        object(
          {
            auditId: str(described("AuditLog.auditId")),
            auditType: str(described("AuditLog.auditType")),
            auditedAt: instant(described("AuditLog.auditedAt")),
            employeeId: str(described("AuditLog.employeeId")),
            lineItemId: str(described("AuditLog.lineItemId")),
            note: str(described("AuditLog.note")),
            reasonCode: str(described("AuditLog.reasonCode")),
            source: str(described("AuditLog.source")),
            subReasonCode: str(described("AuditLog.subReasonCode")),
            updatedFields: list(
              object(
                {
                  fieldName: str(described("UpdatedField.fieldName")),
                  fieldOriginalValue: str(described("UpdatedField.fieldOriginalValue")),
                },
                ["fieldName"],
              ),
            ),
          },
          ["auditId", "auditType", "auditedAt", "updatedFields"],
        ),
        "Audited changes, oldest first.",
      ),
      cartons: list(ref("Carton")),
      createdAt: instant(described("Shipment.createdAt")),
      invoiceId: str(described("Shipment.invoiceId")),
      locationNumber: str(described("Shipment.locationNumber")),
      locationType: str(described("Shipment.locationType"), "DC"),
      masterTrackingNumber: str(described("Shipment.masterTrackingNumber")),
      orderNumbers: list({ type: "string" }, described("Shipment.orderNumbers")),
      poNumber: str(described("Shipment.poNumber")),
      recipients: list(object({ email: str(described("Recipient.email")), name: ref("PersonName"), phone: ref("Phone") })),
      reshipmentReasonCode: str(described("Shipment.reshipmentReasonCode")),
      scratchedItems: list(
        object({
          reasonCode: str(described("ScratchedItem.reasonCode")),
          itemId: int(described("ScratchedItem.itemId")),
          lineItemId: str(described("ScratchedItem.lineItemId")),
          orderId: str(described("ScratchedItem.orderId")),
          quantity: int(described("ScratchedItem.quantity")),
          sku: str(described("ScratchedItem.sku")),
          subReasonCode: str(described("ScratchedItem.subReasonCode")),
          uom: str(described("ScratchedItem.uom")),
        }),
      ),
      shipToAddress: object({
        addressLine1: str(described("ShipToAddress.addressLine1")),
        city: str(described("ShipToAddress.city")),
        countryCode: str(described("ShipToAddress.countryCode"), "US"),
        latitude: num(described("ShipToAddress.latitude"), 47.6205),
        longitude: num(described("ShipToAddress.longitude"), -122.3493),
        postalCode: str(described("ShipToAddress.postalCode")),
        region: str(described("ShipToAddress.region")),
        type: str(described("ShipToAddress.type"), "Home"),
        addressLine2: str(described("ShipToAddress.addressLine2")),
        addressLine3: str(described("ShipToAddress.addressLine3")),
        addressLine4: str(described("ShipToAddress.addressLine4")),
        email: str(described("ShipToAddress.email")),
        name: ref("PersonName"),
        phone: ref("Phone"),
      }),
      shipToId: str(described("Shipment.shipToId")),
      shipmentId: str(described("Shipment.shipmentId")),
      shipmentNumber: str(described("Shipment.shipmentNumber"), "78974156816152"),
      shipmentExternalId: str(described("Shipment.shipmentExternalId")),
      shippedAt: instant(described("Shipment.shippedAt")),
      statusCode: oneOf(enums.StatusCode, described("Shipment.statusCode")),
      subtype: str(described("Shipment.subtype"), "COD"),
      totalCartons: int(described("Shipment.totalCartons")),
      type: oneOf(enums.ShipmentType, described("Shipment.type")),
      updatedAt: instant(described("Shipment.updatedAt")),
      vendorId: str(described("Shipment.vendorId")),
    },
    ["version", "auditLogs", "cartons", "createdAt", "orderNumbers", "recipients", "scratchedItems", "statusCode", "type", "updatedAt"],
    `fabric's shipment document, as fabric writes it. ${ABSENT}`,
  ),
  SyncedShipment: object(
    {
      id: str(described("Shipment.id"), "ship_1234567890abcdef"),
      merchant_invoice_id: nullable(str(`${described("Shipment.merchantInvoiceId")} ${UNKNOWN_SYNC_FIELD}`, "inv_1234567890abcdef")),
      fulfillment_method: oneOf(enums.FulfillmentMethod, described("Shipment.fulfillmentMethod"), true),
      shipment_tracking_number: nullable(str(`${described("Shipment.shipmentTrackingNumber")} ${UNKNOWN_SYNC_FIELD}`, "1Z123E45678901234")),
      shipment_courier: nullable(str(`${described("Shipment.shipmentCourier")} ${UNKNOWN_SYNC_FIELD}`, "ups")),
      verification_status: oneOf(enums.VerificationStatus, described("Shipment.verificationStatus"), true),
      created_at: instant(described("Shipment.createdAt")),
      updated_at: instant(described("Shipment.updatedAt")),
      tracking_status: nullable(oneOf(enums.TrackingStatus, described("Shipment.trackingStatus"), true)),
      tracking_substatus: nullable(str(described("Shipment.trackingSubstatus"), "delivered_001")),
      expected_delivery: nullable(instant(described("Shipment.expectedDelivery"))),
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
  "403": error(
    "forbidden_error: x-fabric-tenant-id does not match the credentials, an x-fabric-channel-id other than 12 or 13, or revoked credentials.",
  ),
  "404": error("not_found_error: the shipment (or carton) does not exist for the caller."),
  "405": error("validation_error: the path does not serve this method (see `Allow`)."),
  "429": error("rate_limit_error: the credentials are over their rate limit.", {
    "Retry-After": { description: "Seconds until the budget refills.", schema: { type: "integer" } },
  }),
  "500": error("api_error: an unexpected error."),
});

const header = (name: string, description: string, required: boolean, schema: Schema = { type: "string" }) => ({
  name,
  in: "header",
  required,
  description,
  schema,
});

const requestIdHeader = header("x-fabric-request-id", "Unique request ID; echoed back in the response.", false);
const channelHeader = (required: boolean) =>
  header(
    "x-fabric-channel-id",
    `Sales channel: 12 (US) or 13 (Canada); another value is 403 forbidden_error.${required ? "" : " 12 when absent."}`,
    required,
    { type: "string", enum: ["12", "13"], example: "12" },
  );
const echoedRequestId = {
  "x-fabric-request-id": { description: "The request's x-fabric-request-id, when it sent one.", schema: { type: "string" } },
};

const syncOperation = (operationId: string) => ({
  operationId,
  summary: "Sync Shipment Tracking",
  description:
    "Fetches the latest tracking from the shipment's courier by its tracking number, verifies it and stores it. Runs `Mutation.syncShipmentTracking`.",
  security: [{ basicAuth: [] }],
  parameters: [
    {
      name: "shipment_id",
      in: "path",
      required: true,
      description: described("Mutation.syncShipmentTracking(shipmentId:)"),
      schema: { type: "string", example: "ship_1234567890abcdef" },
    },
    channelHeader(false),
    requestIdHeader,
  ],
  responses: {
    "200": {
      description: "The synced shipment.",
      headers: echoedRequestId,
      content: { "application/json": { schema: ref("SyncedShipment") } },
    },
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
        description:
          "Adds carrier tracking events to a carton of a shipment and returns the shipment document. Runs `Mutation.updateTracking`.",
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
      get: {
        operationId: "openapi",
        summary: "This document",
        security: [],
        responses: { "200": { description: "OpenAPI 3.1 document.", content: { "application/json": {} } } },
      },
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
