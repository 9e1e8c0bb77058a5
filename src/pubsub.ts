/**
 * The tracking event bus: yoga's pub/sub, in-process by default, over Redis when REDIS_URL is set so
 * a change on one gateway instance reaches subscribers on every instance. One topic per tenant keeps
 * other tenants' events away from a subscriber by construction.
 */
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub } from "graphql-yoga";
import type { Redis } from "ioredis";
import type { TrackingPublisher, TrackingUpdateMessage } from "./tracking/messages.js";

export type TrackingPubSub = ReturnType<typeof createTrackingPubSub>;

export function topicOf(tenantId: string) {
  return `trackingUpdated:${tenantId}`;
}

export function createTrackingPubSub(redis?: { publish: Redis; subscribe: Redis }) {
  return createPubSub<Record<string, [TrackingUpdateMessage]>>(
    redis ? { eventTarget: createRedisEventTarget({ publishClient: redis.publish, subscribeClient: redis.subscribe }) } : {},
  );
}

export function publisherFor(pubsub: TrackingPubSub): TrackingPublisher {
  return { publish: (update) => pubsub.publish(topicOf(update.tenantId), update) };
}
