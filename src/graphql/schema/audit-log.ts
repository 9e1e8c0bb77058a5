import { builder } from "./builder.js";
import { StatusCode, TrackingSource } from "./enums.js";

interface UpdatedFieldShape {
  fieldName: string;
  fieldOriginalValue?: string | null;
}

const UpdatedField = builder.objectRef<UpdatedFieldShape>("UpdatedField").implement({
  description: "A field an audited change modified, with its value before the change.",
  fields: (t) => ({
    fieldName: t.exposeString("fieldName", { description: "Name of the modified field." }),
    fieldOriginalValue: t.string({
      nullable: true,
      description: "Its value before the change.",
      resolve: (f) => f.fieldOriginalValue ?? null,
    }),
  }),
});

builder.prismaObject("AuditLog", {
  description: "One audited change to the shipment document: fabric's entries, and tracking updates that moved `statusCode`.",
  fields: (t) => ({
    auditId: t.exposeString("auditId", { description: "Audit id (UUID)." }),
    auditType: t.exposeString("auditType", { description: "Audit type, e.g. CANCEL, RETURN, TRACKING_UPDATE." }),
    auditedAt: t.expose("auditedAt", { type: "DateTime", description: "When the change happened (UTC)." }),
    employeeId: t.exposeString("employeeId", { nullable: true, description: "Employee (id or name) who made the change." }),
    lineItemId: t.exposeString("lineItemId", { nullable: true, description: "Line item the change concerns." }),
    note: t.exposeString("note", { nullable: true, description: "Additional info." }),
    reasonCode: t.exposeString("reasonCode", { nullable: true, description: "Merchant-defined reason code." }),
    source: t.exposeString("source", { nullable: true, description: "Where the change came from, e.g. POS, CSR, PUSH." }),
    subReasonCode: t.exposeString("subReasonCode", { nullable: true, description: "Merchant-defined sub-reason code." }),
    updatedFields: t.field({
      type: [UpdatedField],
      description: "Fields the change modified.",
      resolve: (log) => (Array.isArray(log.updatedFields) ? (log.updatedFields as unknown as UpdatedFieldShape[]) : []),
    }),
    version: t.exposeInt("version", { nullable: true, description: "Shipment version this change produced (tracking updates)." }),
    trackingSource: t.expose("trackingSource", {
      type: TrackingSource,
      nullable: true,
      description: "PUSH, SYNC or POLL for tracking updates.",
    }),
    previousStatusCode: t.expose("previousStatusCode", { type: StatusCode, nullable: true, description: "statusCode before the change." }),
    statusCode: t.expose("statusCode", { type: StatusCode, nullable: true, description: "statusCode after the change." }),
  }),
});
