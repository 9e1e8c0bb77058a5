/** A tenant's webhook endpoints: create, list, rotate the secret, delete. Always scoped to the tenant. */
import type { Db } from "../db/client.js";
import { NotFoundError, ValidationError, type ValidationDetail } from "../errors.js";
import { newId } from "../shipments/ids.js";
import { WEBHOOK_EVENT_TYPES } from "./event-types.js";
import { newSigningSecret } from "./signature.js";
import { WebhookTargetError, type WebhookTargets } from "./target.js";

/** Enough for every system a tenant runs; more is a runaway script. */
export const MAX_ENDPOINTS_PER_TENANT = 20;
const MAX_URL_LENGTH = 2_048;

export interface NewEndpoint {
  url: string;
  eventTypes: string[];
}

export class WebhookEndpoints {
  constructor(
    private readonly db: Db,
    private readonly targets: WebhookTargets,
  ) {}

  /** The new endpoint and its signing secret, which is never shown again. Hears only changes from now on. */
  async create(tenantId: string, input: NewEndpoint) {
    const problems: ValidationDetail[] = [];
    if (input.url.length > MAX_URL_LENGTH) problems.push({ path: "url", message: `must be at most ${MAX_URL_LENGTH} characters` });
    else await this.targets.check(input.url).catch((error) => problems.push({ path: "url", message: targetMessage(error) }));
    const eventTypes = [...new Set(input.eventTypes)];
    if (!eventTypes.length) problems.push({ path: "eventTypes", message: "must name at least one event type" });
    eventTypes.forEach((type, index) => {
      if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) {
        problems.push({ path: `eventTypes[${index}]`, message: `must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}` });
      }
    });
    if ((await this.db.webhookEndpoint.count({ where: { tenantId } })) >= MAX_ENDPOINTS_PER_TENANT) {
      problems.push({ path: "url", message: `a tenant has at most ${MAX_ENDPOINTS_PER_TENANT} endpoints; delete one first` });
    }
    if (problems.length) throw new ValidationError(problems);
    const head = await this.db.trackingSequence.findUnique({ where: { tenantId }, select: { last: true } });
    const secret = newSigningSecret();
    const endpoint = await this.db.webhookEndpoint.create({
      data: { id: newId("whe"), tenantId, url: input.url, eventTypes, secret, cursor: head?.last ?? 0 },
    });
    return { endpoint, secret };
  }

  list(tenantId: string) {
    return this.db.webhookEndpoint.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
  }

  /** A new secret at once; deliveries signed from now on use it. */
  async rotateSecret(tenantId: string, id: string) {
    const secret = newSigningSecret();
    const { count } = await this.db.webhookEndpoint.updateMany({ where: { id, tenantId }, data: { secret } });
    if (!count) throw new NotFoundError("Webhook endpoint");
    return { endpoint: await this.db.webhookEndpoint.findUniqueOrThrow({ where: { id } }), secret };
  }

  /** Deletes the endpoint and its delivery records; jobs still queued for it find nothing to send. */
  async delete(tenantId: string, id: string) {
    const { count } = await this.db.webhookEndpoint.deleteMany({ where: { id, tenantId } });
    if (!count) throw new NotFoundError("Webhook endpoint");
  }
}

function targetMessage(error: unknown) {
  if (error instanceof WebhookTargetError) return error.message;
  throw error;
}
