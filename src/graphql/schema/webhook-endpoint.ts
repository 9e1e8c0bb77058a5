/** Webhooks: WebhookEndpoint and WebhookDelivery, and the root fields that manage them. */
import { NotFoundError, ValidationError } from "../../errors.js";
import * as enums from "../../generated/prisma/enums.js";
import { DEFAULT_PAGE_SIZE, PAGE_SIZE } from "../../input-limits.js";
import { WEBHOOK_EVENT_TYPES } from "../../webhooks/event-types.js";
import { builder } from "./builder.js";
import type { Meanings } from "./enums.js";

const EVENT_TYPES_PROSE =
  "`tracking.updated` (every tracking change), `shipment.delivered` (the shipment's status became DELIVERED), `shipment.exception` (it became EXCEPTION or ATTEMPT_FAIL). One change is delivered once per endpoint, as the most specific type the endpoint subscribed to.";

const WebhookDeliveryStatus = builder.enumType(enums.WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description: "Where a webhook delivery stands.",
  values: {
    PENDING: { description: "Waiting for its attempt or its retry (a shipment's deliveries go out in order)." },
    REDELIVERING: { description: "Asked for again with `redeliverWebhook`; goes out at once." },
    DELIVERED: { description: "The receiver answered 2xx." },
    FAILED: { description: "Every retry failed; redeliver it once the receiver is fixed." },
  } satisfies Meanings<typeof enums.WebhookDeliveryStatus>,
});

const WebhookEndpoint = builder.prismaObject("WebhookEndpoint", {
  description: "A URL of yours that receives signed tracking deliveries.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Endpoint id (`whe_…`)." }),
    url: t.exposeString("url", { description: "Where deliveries are POSTed." }),
    eventTypes: t.exposeStringList("eventTypes", { description: `What the endpoint receives: ${EVENT_TYPES_PROSE}` }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created; it receives changes committed since." }),
  }),
});

builder.prismaObject("WebhookDelivery", {
  description: "One tracking change sent (or to be sent) to one endpoint, with the outcome of its latest attempt.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The `webhook-id` header, the same on every attempt: drop a delivery you have seen." }),
    endpoint: t.relation("endpoint", { description: "The endpoint it goes to." }),
    eventType: t.exposeString("eventType", { description: "The payload's `type`." }),
    sequence: t.exposeInt("sequence", { description: "The change's tenant-wide sequence (as in trackingUpdated)." }),
    shipmentId: t.exposeString("shipmentId", { description: "The shipment that changed (`ship_…`)." }),
    payload: t.exposeString("payload", { description: "The exact JSON body sent." }),
    status: t.expose("status", { type: WebhookDeliveryStatus, description: "Where the delivery stands." }),
    attempts: t.exposeInt("attempts", { description: "Attempts made so far." }),
    responseStatus: t.exposeInt("responseStatus", {
      nullable: true,
      description: "HTTP status of the latest attempt; null when the receiver did not answer.",
    }),
    latencyMs: t.exposeInt("latencyMs", { nullable: true, description: "Duration of the latest attempt in milliseconds." }),
    lastError: t.exposeString("lastError", {
      nullable: true,
      description: "Why the latest attempt failed (network error, or status and the start of the answer).",
    }),
    lastAttemptAt: t.expose("lastAttemptAt", { type: "DateTime", nullable: true, description: "When the latest attempt was made." }),
    deliveredAt: t.expose("deliveredAt", { type: "DateTime", nullable: true, description: "When a receiver first accepted it." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was made from the tracking change." }),
  }),
});

interface EndpointWithSecret {
  endpoint: { id: string };
}

const WebhookEndpointSecret = builder.objectRef<EndpointWithSecret & { secret: string }>("WebhookEndpointSecret").implement({
  description: "An endpoint with its signing secret. The secret is shown only here; store it now.",
  fields: (t) => ({
    endpoint: t.prismaField({
      type: WebhookEndpoint,
      description: "The endpoint.",
      resolve: (query, parent, _args, ctx) => ctx.db.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: parent.endpoint.id } }),
    }),
    secret: t.exposeString("secret", {
      description: "Signing secret (`whsec_…`, Standard Webhooks format): verify `webhook-signature` with it.",
    }),
  }),
});

builder.queryField("webhookEndpoints", (t) =>
  t.prismaField({
    type: [WebhookEndpoint],
    description: "Your webhook endpoints, oldest first.",
    resolve: (query, _root, _args, ctx) =>
      ctx.db.webhookEndpoint.findMany({ ...query, where: { tenantId: ctx.viewer.tenantId }, orderBy: { createdAt: "asc" } }),
  }),
);

builder.queryField("webhookDeliveries", (t) =>
  t.prismaField({
    type: ["WebhookDelivery"],
    description: "Your webhook deliveries, newest first; `status: FAILED` lists the ones to redeliver.",
    args: {
      endpointId: t.arg.id({ required: false, description: "Only this endpoint's deliveries." }),
      status: t.arg({ type: WebhookDeliveryStatus, required: false, description: "Only deliveries in this status." }),
      first: t.arg.int({
        required: false,
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `How many, newest first: ${DEFAULT_PAGE_SIZE} by default, from 1 to ${PAGE_SIZE}.`,
      }),
    },
    resolve: (query, _root, args, ctx) => {
      const first = args.first ?? DEFAULT_PAGE_SIZE;
      if (first < 1) throw new ValidationError([{ path: "first", message: `must be from 1 to ${PAGE_SIZE}` }]);
      return ctx.db.webhookDelivery.findMany({
        ...query,
        where: {
          tenantId: ctx.viewer.tenantId,
          ...(args.endpointId ? { endpointId: String(args.endpointId) } : {}),
          ...(args.status ? { status: args.status } : {}),
        },
        orderBy: [{ createdAt: "desc" }, { sequence: "desc" }],
        take: first,
      });
    },
  }),
);

builder.mutationField("createWebhookEndpoint", (t) =>
  t.field({
    type: WebhookEndpointSecret,
    description: `Registers an endpoint for your tracking changes from now on. Deliveries are signed (headers webhook-id, webhook-timestamp, webhook-signature) and retried with exponential backoff. Event types: ${EVENT_TYPES_PROSE} BAD_USER_INPUT for a URL that is not http(s) or not on a public address, or an unknown event type.`,
    args: {
      url: t.arg.string({ required: true, description: "https:// (or http://) URL on a public address." }),
      eventTypes: t.arg.stringList({ required: true, description: `Any of ${WEBHOOK_EVENT_TYPES.join(", ")}.` }),
    },
    resolve: (_root, args, ctx) => ctx.webhooks.endpoints.create(ctx.viewer.tenantId, { url: args.url, eventTypes: args.eventTypes }),
  }),
);

builder.mutationField("rotateWebhookSecret", (t) =>
  t.field({
    type: WebhookEndpointSecret,
    description: "Replaces the endpoint's signing secret at once; attempts from now on are signed with the new one.",
    args: { id: t.arg.id({ required: true, description: "The endpoint (`whe_…`)." }) },
    resolve: (_root, args, ctx) => ctx.webhooks.endpoints.rotateSecret(ctx.viewer.tenantId, String(args.id)),
  }),
);

builder.mutationField("deleteWebhookEndpoint", (t) =>
  t.id({
    description: "Deletes the endpoint and its delivery records; nothing more is sent to it. Returns the id.",
    args: { id: t.arg.id({ required: true, description: "The endpoint (`whe_…`)." }) },
    resolve: async (_root, args, ctx) => {
      await ctx.webhooks.endpoints.delete(ctx.viewer.tenantId, String(args.id));
      return String(args.id);
    },
  }),
);

builder.mutationField("redeliverWebhook", (t) =>
  t.prismaField({
    type: "WebhookDelivery",
    description:
      "Sends a delivery again now, with a fresh set of retries, outside its shipment's order (the payload's sequence and version tell a receiver where it belongs).",
    args: { deliveryId: t.arg.id({ required: true, description: "The delivery (`msg_…`)." }) },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.deliveryId);
      if (!(await ctx.webhooks.dispatcher.redeliver(ctx.viewer.tenantId, id))) throw new NotFoundError("Webhook delivery");
      return ctx.db.webhookDelivery.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
