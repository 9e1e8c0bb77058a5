/**
 * The tracking event bus: in-process by default, over Redis when REDIS_URL is set so a change on one
 * gateway instance reaches subscribers on every instance. One topic per tenant keeps other tenants'
 * events away from a subscriber by construction.
 *
 * The bus is the fast path only. Every update is in the delivery log first, so the bus may lose
 * messages (Redis down, a subscriber connection that reconnected) without losing updates: publishing
 * fails loudly for the relay to retry, and subscribers are told to re-read the log ("resync").
 */
import type { Redis } from "ioredis";
import { topicOf, type TrackingPublisher, type TrackingTopic, type TrackingUpdateMessage } from "./messages.js";

/** An update, or "resync": updates may have been missed here, read the delivery log. */
export type LiveSignal = TrackingUpdateMessage | "resync";

/** The WebSocket close code for a subscriber that fell too far behind (see README, Delivery). */
const TOO_SLOW_CLOSE_CODE = 4470;

/** Raised in a subscription whose consumer let more than `maxPending` updates pile up. */
export class SlowConsumerError extends Error {
  /** The WebSocket close code the subscriber is sent away with. */
  readonly closeCode = TOO_SLOW_CLOSE_CODE;

  constructor(maxPending: number) {
    super(`Too slow: more than ${maxPending} updates were waiting; resume with afterSequence`);
    this.name = "SlowConsumerError";
  }
}

export interface SubscribeLimits {
  /** Updates that may wait for a slow consumer before the subscription is ended. */
  maxPending: number;
  /** Called as soon as the limit is passed, while the consumer may be stuck and not pulling. */
  onOverflow?: (error: SlowConsumerError) => void;
}

export interface LiveSubscription extends AsyncIterableIterator<LiveSignal> {
  /** Settles once the bus listens for the topic: what is published from then on arrives here. */
  readonly ready: Promise<void>;
  /** The lowest sequence waiting to be taken; Infinity when nothing waits. */
  earliestWaiting(): number;
  /** Stops the subscription (the consumer left). */
  return(): Promise<IteratorResult<LiveSignal>>;
}

export interface TrackingBus extends TrackingPublisher {
  /** Resolves once the bus took the update; rejects when it cannot (Redis unreachable). */
  publish(update: TrackingUpdateMessage): Promise<void>;
  subscribe(topic: TrackingTopic, limits: SubscribeLimits): LiveSubscription;
}

/** One subscription's bounded queue between the bus and its consumer. */
class LiveUpdates implements LiveSubscription {
  private readonly queue: LiveSignal[] = [];
  private waiting?: { resolve: (result: IteratorResult<LiveSignal>) => void; reject: (error: unknown) => void };
  private failure?: SlowConsumerError;
  private ended = false;

  constructor(
    private readonly limits: SubscribeLimits,
    private readonly unsubscribe: () => void,
    readonly ready: Promise<void>,
  ) {}

  push(signal: LiveSignal) {
    if (this.ended) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: signal, done: false });
    } else if (this.queue.length < this.limits.maxPending) {
      this.queue.push(signal);
    } else {
      this.failure = new SlowConsumerError(this.limits.maxPending);
      this.finish();
      this.limits.onOverflow?.(this.failure);
    }
  }

  next(): Promise<IteratorResult<LiveSignal>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  earliestWaiting(): number {
    return Math.min(...this.queue.map((signal) => (signal === "resync" ? Infinity : signal.sequence)));
  }

  async return(): Promise<IteratorResult<LiveSignal>> {
    this.finish();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private finish() {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = undefined;
    this.unsubscribe();
  }
}

/**
 * Subscriptions by topic, and how to listen to a topic on the underlying bus: `listen` when a topic
 * gets its first subscriber (resolving once the bus listens), `unlisten` when its last one leaves.
 */
class Topics {
  private readonly byTopic = new Map<string, { subscribers: Set<LiveUpdates>; listening: Promise<void> }>();

  constructor(
    private readonly listen: (topic: string) => Promise<void>,
    private readonly unlisten: (topic: string) => void,
  ) {}

  subscribe(to: TrackingTopic, limits: SubscribeLimits): LiveSubscription {
    const topic = topicOf(to);
    let entry = this.byTopic.get(topic);
    if (!entry) this.byTopic.set(topic, (entry = { subscribers: new Set(), listening: this.listen(topic) }));
    const { subscribers } = entry;
    const live: LiveUpdates = new LiveUpdates(
      limits,
      () => {
        subscribers.delete(live);
        if (subscribers.size === 0 && this.byTopic.get(topic)?.subscribers === subscribers) {
          this.byTopic.delete(topic);
          this.unlisten(topic);
        }
      },
      entry.listening,
    );
    subscribers.add(live);
    return live;
  }

  /** The same message object to every subscriber: per-message memos (perMessage) share work across them. */
  emit(topic: string, signal: LiveSignal) {
    for (const live of this.byTopic.get(topic)?.subscribers ?? []) live.push(signal);
  }

  names() {
    return [...this.byTopic.keys()];
  }
}

export function inProcessBus(): TrackingBus {
  const topics = new Topics(
    async () => {},
    () => {},
  );
  return {
    async publish(update) {
      topics.emit(topicOf(update), update);
    },
    subscribe: (topic, limits) => topics.subscribe(topic, limits),
  };
}

/** `publish` and `subscribe` must be separate connections: one in subscriber mode cannot publish. */
export function redisBus(redis: { publish: Redis; subscribe: Redis }): TrackingBus {
  // Commands to an unreachable Redis reject after their retries; the log covers what they were for.
  const ignore = () => {};
  const topics = new Topics(
    // While Redis is away, do not wait for it: the reconnect re-subscribes and resyncs (below).
    (topic) => {
      const subscribed = redis.subscribe.subscribe(topic).then(ignore, ignore);
      return redis.subscribe.status === "ready" ? subscribed : Promise.resolve();
    },
    (topic) => void redis.subscribe.unsubscribe(topic).catch(ignore),
  );
  redis.subscribe.on("message", (topic: string, text: string) => topics.emit(topic, JSON.parse(text) as TrackingUpdateMessage));
  // After a reconnect: ioredis re-subscribes only channels whose SUBSCRIBE once succeeded (not one
  // sent during the outage), and whatever was published meanwhile never reached this instance.
  redis.subscribe.on("ready", () => {
    for (const topic of topics.names()) {
      redis.subscribe.subscribe(topic).catch(ignore);
      topics.emit(topic, "resync");
    }
  });
  return {
    async publish(update) {
      // Fail at once rather than queue for a Redis that is away: the relay retries from the log.
      if (redis.publish.status !== "ready") throw new Error(`Redis is ${redis.publish.status}`);
      await redis.publish.publish(topicOf(update), JSON.stringify(update));
    },
    subscribe: (topic, limits) => topics.subscribe(topic, limits),
  };
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
