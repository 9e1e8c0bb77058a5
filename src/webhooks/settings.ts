/** How webhooks are delivered; config.ts reads it from the environment. */
import { DELIVERY_DEFAULTS, type DeliverySettings } from "./dispatcher.js";

export interface WebhookSettings extends DeliverySettings {
  /** Send deliveries from this instance (every instance may; pg-boss gives each job to one). */
  deliver: boolean;
  /** Hosts exempt from the public-address rule (WEBHOOK_ALLOW_HOSTS), e.g. 127.0.0.1 in development. */
  allowHosts: string[];
}

export const WEBHOOK_DEFAULTS: WebhookSettings = { ...DELIVERY_DEFAULTS, deliver: false, allowHosts: [] };
