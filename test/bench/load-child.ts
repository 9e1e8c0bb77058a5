/**
 * Entry of a load-generator child process (pinned to its own core): HTTP load with autocannon, and
 * groups of real graphql-ws subscribers that time each message's arrival. Timing is taken here, on
 * one clock: from the trigger request (the mutation, or the reference's publish) to each
 * subscriber's message.
 */
import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { IngestTraffic } from "./ingest-traffic.js";
import { serve } from "./processes.js";
import { percentile } from "./stats.js";

export interface LoadRun {
  url: string;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  /** A fixed body for every request… */
  body?: string;
  /** …or the ingest traffic under this key (its state carries over from run to run). */
  ingest?: string;
}

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  throughput: number;
  /** Measured seconds (autocannon's own clock). */
  seconds: number;
  completed: number;
  non2xx: number;
  errors: number;
  /** ms, of 2xx responses, from autocannon's per-response float times (its histogram keeps whole ms). */
  latencyP50: number;
  latencyP99: number;
  latencyP999: number;
  ingest?: ReturnType<IngestTraffic["score"]>;
}

/** The percentiles both load patterns report, in ms, of their 2xx responses. */
function tail(latencies: number[]) {
  return { latencyP50: percentile(latencies, 50), latencyP99: percentile(latencies, 99), latencyP999: percentile(latencies, 99.9) };
}

const traffics = new Map<string, IngestTraffic>();

async function load(run: LoadRun): Promise<LoadResult> {
  const url = new URL(run.url);
  let traffic: IngestTraffic | undefined;
  if (run.ingest) {
    if (!traffics.has(run.ingest)) traffics.set(run.ingest, new IngestTraffic(run.ingest));
    traffic = traffics.get(run.ingest);
  }
  const request: autocannon.Request = traffic
    ? {
        method: "POST",
        path: url.pathname,
        headers: run.headers,
        // Each connection builds its next request after the previous response, so the context
        // holding a request's event ids is still that request's when its response is scored.
        setupRequest: (req, context) => {
          const next = traffic.next();
          context.eventIds = next.eventIds;
          return { ...req, body: next.body };
        },
        onResponse: (status, body, context) => traffic.record(context.eventIds as string[], status, body),
      }
    : { method: "POST", path: url.pathname, headers: run.headers, body: run.body };
  const instance = autocannon({ url: url.origin, connections: run.connections, duration: run.seconds, requests: [request] });
  const latencies: number[] = [];
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  return {
    throughput: result["2xx"] / result.duration,
    seconds: result.duration,
    completed: result["2xx"] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    ...tail(latencies),
    ingest: traffic?.score(),
  };
}

export interface PacedRun {
  url: string;
  seconds: number;
  /** Requests per second, evenly spaced. */
  rate: number;
  /** Keep-alive sockets at most; a request finding them all busy waits for one (and that wait counts). */
  connections: number;
  headers: Record<string, string>;
  body: string;
}

export interface PacedResult {
  /** Successful (2xx) responses per second over the run. */
  throughput: number;
  failed: number;
  /** ms, of 2xx responses, from each request's scheduled departure. */
  latencyP50: number;
  latencyP99: number;
  latencyP999: number;
}

/**
 * An open loop at a steady rate: requests leave on a fixed schedule whatever the answers do, and
 * each latency runs from the request's scheduled time, so a stall on either side counts against
 * every request it held up. autocannon's own rate limit is not this: it sends each second's quota
 * as fast as its connections allow, then idles until the next second. The schedule is kept by
 * polling between I/O callbacks (setImmediate), as timers would bunch requests into 1 ms batches.
 */
async function paced(run: PacedRun): Promise<PacedResult> {
  const { hostname, port, pathname } = new URL(run.url);
  const agent = new Agent({ keepAlive: true, maxSockets: run.connections });
  const options = {
    hostname,
    port,
    path: pathname,
    method: "POST",
    agent,
    headers: { ...run.headers, "content-length": String(Buffer.byteLength(run.body)) },
  };
  const interval = 1000 / run.rate;
  const total = Math.round(run.seconds * run.rate);
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    let settled = 0;
    const settle = () => ++settled === total && resolve();
    const send = (due: number) => {
      const req = httpRequest(options, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode! >= 200 && res.statusCode! < 300) latencies.push(performance.now() - due);
          else failed++;
          settle();
        });
      });
      req.on("error", () => {
        failed++;
        settle();
      });
      req.end(run.body);
    };
    const tick = () => {
      const now = performance.now();
      for (let due = start + sent * interval; sent < total && due <= now; due = start + sent * interval) {
        sent++;
        send(due);
      }
      if (sent < total) setImmediate(tick);
    };
    tick();
  });
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    throughput: latencies.length / seconds,
    failed,
    ...tail(latencies),
  };
}

interface Group {
  clients: Client[];
  arrivals: number[];
  errors: string[];
  payload?: unknown;
  onArrival?: () => void;
}

const groups = new Map<string, Group>();

function group(name: string): Group {
  if (!groups.has(name)) groups.set(name, { clients: [], arrivals: [], errors: [] });
  return groups.get(name)!;
}

export interface SubscribeRequest {
  group: string;
  /** ws:// URL. */
  url: string;
  /** Total subscribers the group should have. */
  total: number;
  authorization: string;
  query: string;
}

/** Opens graphql-ws clients (one socket, one subscription each) until the group has `total`. */
async function subscribe(request: SubscribeRequest): Promise<number> {
  const g = group(request.group);
  const BATCH = 250; // enough parallel handshakes to be quick, few enough not to overrun accept queues
  while (g.clients.length < request.total) {
    const batch = Math.min(BATCH, request.total - g.clients.length);
    await Promise.all(
      Array.from({ length: batch }, async () => {
        await new Promise<void>((resolve, reject) => {
          const client = createClient({
            url: request.url,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: request.authorization },
            retryAttempts: 0,
            on: { connected: () => resolve(), closed: (event) => reject(new Error(`socket closed: ${(event as { code?: number }).code}`)) },
          });
          g.clients.push(client);
          client.subscribe(
            { query: request.query },
            {
              next: (message) => {
                g.arrivals.push(performance.now());
                g.payload ??= message;
                g.onArrival?.();
              },
              error: (error) => g.errors.push(String((error as Error)?.message ?? JSON.stringify(error))),
              complete: () => undefined,
            },
          );
        });
      }),
    );
  }
  return g.clients.length;
}

export interface FireRequest {
  group: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface Delivery {
  subscribers: number;
  received: number;
  /**
   * ms from sending the trigger to each subscriber's message. Not from its response: the update is
   * published on commit, and often reaches subscribers before the trigger's own response is back.
   */
  p50: number;
  p99: number;
  last: number;
  /** Wall-clock ms (performance.timeOrigin + now) of the last subscriber's message. */
  lastArrivalAt: number;
  /** The first message of the group's first delivery (the payload a reference must repeat). */
  payload?: unknown;
  errors: string[];
}

const agent = new Agent({ keepAlive: true });

/**
 * POSTs the trigger with node:http rather than fetch: the response's end is then seen in the same
 * I/O callback that reads it, not several promise hops later behind a queue of socket messages.
 */
function trigger({ url, headers, body }: FireRequest): Promise<{ sent: number; status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    const req = httpRequest(url, { method: "POST", headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ sent, status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends one trigger and waits until every subscriber of the group has its message (or the timeout). */
async function fire(request: FireRequest): Promise<Delivery> {
  const g = group(request.group);
  g.arrivals = [];
  const expected = g.clients.length;
  const allIn = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, request.timeoutMs);
    g.onArrival = () => {
      if (g.arrivals.length < expected) return;
      clearTimeout(timer);
      resolve();
    };
    if (expected === 0) resolve();
  });
  const { sent, status, text } = await trigger(request);
  if (status !== 200 || text.includes('"errors"')) throw new Error(`trigger failed: ${status} ${text.slice(0, 300)}`);
  await allIn;
  g.onArrival = undefined;
  const fromRequest = g.arrivals.map((at) => at - sent);
  const payload = g.payload;
  g.payload = undefined;
  return {
    subscribers: expected,
    received: g.arrivals.length,
    p50: percentile(fromRequest, 50),
    p99: percentile(fromRequest, 99),
    last: Math.max(...fromRequest),
    lastArrivalAt: performance.timeOrigin + Math.max(...g.arrivals),
    payload,
    errors: g.errors.splice(0),
  };
}

async function unsubscribe(name: string) {
  const g = group(name);
  await Promise.all(g.clients.map((client) => client.dispose()));
  groups.delete(name);
}

serve({
  load,
  paced,
  ingestScore: (key: string) => traffics.get(key)?.score(true),
  subscribe,
  fire,
  unsubscribe,
  close: async () => {
    for (const name of groups.keys()) await unsubscribe(name);
  },
});
