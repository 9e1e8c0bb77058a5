/**
 * cross-instance (only with REDIS_URL): the latency Redis adds when the subscriber sits on another
 * gateway instance. Subject: two instances sharing Redis pub/sub, the mutation on the first, one
 * subscriber on the second. Reference: one instance with in-process pub/sub, mutation and
 * subscriber on it. Both are timed from the moment the ingestor publishes (after commit) to the
 * subscriber's message, which includes the subscriber's reload of the shipment on either side; the
 * difference is what Redis and the second instance add. Target: ≤ 1 ms at p50.
 *
 * Not from the mutation's response as in fanout: in process, delivery starts before the response is
 * written and overlaps it, so response-relative figures would credit the in-process side with work
 * done before its clock starts.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { triggerBody, SUBSCRIPTION } from "./fanout.js";
import type { Delivery } from "./load-child.js";
import { JSON_HEADERS, type BenchContext, type ScenarioResult, type ServerHandle } from "./runner.js";
import { summarize, formatSummary } from "./stats.js";
import { knobs } from "./knobs.js";

export async function crossInstance(ctx: BenchContext): Promise<ScenarioResult | null> {
  if (!ctx.redisUrl) return null;
  const tenant = ctx.seeded.cross;
  const publisher = await ctx.startServer("gateway-redis-1", "gateway", { url: ctx.databaseUrl, redisUrl: ctx.redisUrl });
  // The second instance gets the other core, as it would have a machine of its own; on the
  // publisher's core it would wait for the publisher to yield the CPU, a wait that is not Redis's.
  const receiver = await ctx.startServer("gateway-redis-2", "gateway", { url: ctx.databaseUrl, redisUrl: ctx.redisUrl }, "load");
  const local = await ctx.startServer("gateway-local", "gateway", { url: ctx.databaseUrl });
  const headers = { ...JSON_HEADERS, authorization: tenant.authorization };
  try {
    const subscribe = (group: string, server: ServerHandle) =>
      ctx.load.call("subscribe", { group, url: server.wsUrl, total: 1, authorization: tenant.authorization, query: SUBSCRIPTION });
    // Production instances serve queries all the time; an instance that has run Prisma only a few
    // dozen times runs it in V8's interpreter, several times slower. Warm all three alike first.
    const warmUp = JSON.stringify({
      query: `{ shipmentByNumber(shipmentNumber: "${tenant.shipmentNumber}") { version statusCode cartons { trackingNumber trackingEvents(last: 5) { eventId } } } }`,
    });
    for (const server of [publisher, receiver, local]) await ctx.runLoad(server, { headers, body: warmUp }, knobs.warmupSeconds);
    await subscribe("redis", receiver);
    await subscribe("local", local);
    await sleep(200);
    const fire = (group: string, server: ServerHandle, subscribedTo: ServerHandle) => async () => {
      await sleep(20); // let the previous delivery's work finish before the next trigger
      const delivery = await ctx.load.call<Delivery>("fire", {
        group,
        url: server.url,
        headers,
        body: triggerBody(tenant, "cross"),
        timeoutMs: 10_000,
      });
      const { payload: _, ...figures } = delivery;
      const published = (await server.stats()).lastPublishAt;
      const redisHop = subscribedTo === server ? 0 : (await subscribedTo.stats()).lastRedisMessageAt - published;
      return { ...figures, fromPublish: delivery.lastArrivalAt - published, redisHop };
    };
    const { a, b } = await ctx.interleave(
      "cross-instance",
      knobs.crossPairs,
      fire("redis", publisher, receiver),
      fire("local", local, local),
    );
    const viaRedis = a.map((d) => d.fromPublish);
    const inProcess = b.map((d) => d.fromPublish);
    const added = summarize(viaRedis.map((ms, i) => ms - inProcess[i]!));
    const missing = [...a, ...b].filter((d) => d.received < 1).length;
    const redisHop = summarize(a.map((d) => d.redisHop));
    ctx.log(
      `cross-instance: publish → message via Redis ${formatSummary(summarize(viaRedis))} ms, in process ${formatSummary(summarize(inProcess))} ms`,
    );
    return {
      rows: [
        {
          scenario: "cross-instance",
          figure: "ms, publish → message (p50 over pairs)",
          gateway: summarize(viaRedis),
          reference: summarize(inProcess),
          comparison: `added ${formatSummary(added)} ms, of which the Redis hop ${formatSummary(redisHop)} ms`,
          target: "≤ 1 ms added",
          met: added.median <= 1 && missing === 0,
          note: missing ? `${missing} messages missing` : undefined,
        },
      ],
      details: { added, redisHop, viaRedis: a, inProcess: b },
    };
  } finally {
    await Promise.all([publisher.stop(), receiver.stop(), local.stop()]);
  }
}
