/**
 * The tracking event bus: yoga's pub/sub, in-process by default, over Redis when REDIS_URL is set so
 * a change on one gateway instance reaches subscribers on every instance. One topic per tenant keeps
 * other tenants' events away from a subscriber by construction.
 */
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { setMaxListeners } from "node:events";
import { createPubSub } from "graphql-yoga";
import type { Redis } from "ioredis";
import type { TrackingPublisher, TrackingUpdateMessage } from "./tracking/messages.js";

export type TrackingPubSub = ReturnType<typeof createTrackingPubSub>;

export function topicOf(tenantId: string) {
  return `trackingUpdated:${tenantId}`;
}

/** An in-process event target; every subscription is a listener, and thousands are expected. */
function inProcessTarget() {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

export function createTrackingPubSub(redis?: { publish: Redis; subscribe: Redis }) {
  return createPubSub<Record<string, [TrackingUpdateMessage]>>({
    eventTarget: redis ? createRedisEventTarget({ publishClient: redis.publish, subscribeClient: redis.subscribe }) : inProcessTarget(),
  });
}

export function publisherFor(pubsub: TrackingPubSub): TrackingPublisher {
  return { publish: (update) => pubsub.publish(topicOf(update.tenantId), update) };
}

/**
 * A memo per published message: the bus hands one update to all of a tenant's subscribers as the same
 * object, so work any of them needs (a reload, an execution) is done for the first and shared.
 * Entries go with the message.
 */
export function perMessage() {
  const byMessage = new WeakMap<object, Map<string, Promise<unknown>>>();
  return <T>(message: object, key: string, make: () => Promise<T>): Promise<T> => {
    let done = byMessage.get(message);
    if (!done) byMessage.set(message, (done = new Map()));
    if (!done.has(key)) done.set(key, make());
    return done.get(key) as Promise<T>;
  };
}
