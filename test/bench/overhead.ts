/**
 * overhead: `{ __typename }` through the gateway (authentication from its cache, rate limit, parse,
 * validate, execute, serialize) against two references answering the same bytes: a bare node http
 * server (the share of node's raw HTTP throughput the gateway keeps, target ≥ 0.35) and a bare
 * graphql-yoga with a one-field schema (what our own plugins, context and schema cost on top of
 * yoga, target ≥ 1.0). The gateway's credential cache lives CREDENTIAL_TTL_MS here, so every run
 * re-reads the credential several times (in the background, from half the TTL on) and its tail shows
 * what that costs. Latency is taken twice: at saturation (autocannon's closed loop, where every
 * request queues behind the connections' others) and at a steady rate below it (an open loop), which
 * is where a deployment runs and where the target p99 ≤ 2× p50 is judged.
 */
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";
import { JSON_HEADERS, post, type BenchContext, type ScenarioResult, type ServerHandle } from "./runner.js";
import { listen, readBody, startHttp, type BenchServer } from "./server-kit.js";
import { ratioRow } from "./stats.js";
import { knobs } from "./knobs.js";
import type { LoadResult } from "./load-child.js";
import { latency, latencyRows, STEADY_SHARE, steadyRows, steadyRuns } from "./steady.js";

const BODY = JSON.stringify({ query: "{ __typename }" });

/** Well below a run's length, so each measured run re-reads the credential several times. */
const CREDENTIAL_TTL_MS = 1_000;

/** The reference: reads the request, answers the gateway's exact response bytes and content type. */
export async function startBareHttp({ contentType, body }: { contentType: string; body: string }): Promise<BenchServer> {
  const bytes = Buffer.from(body);
  return startHttp(async (req, res) => {
    await readBody(req);
    res.writeHead(200, { "content-type": contentType, "content-length": bytes.length }).end(bytes);
  });
}

/** The reference: graphql-yoga's defaults (minus GraphiQL and logging) over a one-field schema. */
export async function startBareYoga(): Promise<BenchServer> {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: "type Query { ok: Boolean }" }),
    graphiql: false,
    logging: false,
    landingPage: false,
  });
  const server = createServer(yoga);
  const port = await listen(server);
  return {
    port,
    statements: () => 0,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface References {
  http: LoadResult;
  yoga: LoadResult;
}

const figure = (load: string, reference: string) => (percentile: string) =>
  `\`{ __typename }\` ${percentile} ms, ${load} (vs ${reference})`;

export async function overhead(ctx: BenchContext): Promise<ScenarioResult> {
  const headers = { ...JSON_HEADERS, authorization: ctx.seeded.nested.authorization };
  const gateway = await ctx.startServer("gateway", "gateway", { url: ctx.databaseUrl, credentialCacheTtlMs: CREDENTIAL_TTL_MS });
  const answer = await post(gateway.url, headers, BODY);
  if (answer.status !== 200) throw new Error(`overhead: gateway answered ${answer.status} ${answer.body}`);
  const bareHttp = await ctx.startServer("bare-http", "bare-http", { contentType: answer.contentType, body: answer.body });
  const bareYoga = await ctx.startServer("bare-yoga", "bare-yoga", {});
  const same = async (server: ServerHandle) => {
    const echoed = await post(server.url, headers, BODY);
    return echoed.body === answer.body && echoed.contentType === answer.contentType;
  };
  const sameBytes = { http: await same(bareHttp), yoga: await same(bareYoga) };
  try {
    const run = (server: ServerHandle) => (warmUp: boolean) =>
      ctx.runLoad(server, { headers, body: BODY }, warmUp ? knobs.warmupSeconds : knobs.seconds);
    const references = async (warmUp: boolean): Promise<References> => ({
      http: await run(bareHttp)(warmUp),
      yoga: await run(bareYoga)(warmUp),
    });
    const { a, b } = await ctx.interleave<LoadResult | References>("overhead", knobs.pairs, run(gateway), references, (r) =>
      "http" in r
        ? `bare http ${r.http.throughput.toFixed(0)} req/s, bare yoga ${r.yoga.throughput.toFixed(0)} req/s (${latency(r.yoga)})`
        : `${r.throughput.toFixed(0)} req/s (${latency(r)})`,
    );
    const gatewayRuns = a as LoadResult[];
    const http = (b as References[]).map((r) => r.http);
    const yoga = (b as References[]).map((r) => r.yoga);
    const failed = (runs: LoadResult[]) => runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    const vsHttp = ratioRow(
      "overhead",
      "`{ __typename }` req/s (vs bare http)",
      gatewayRuns.map((r) => r.throughput),
      http.map((r) => r.throughput),
      {
        text: "≥ 0.35",
        ok: (ratio) => ratio >= 0.35,
      },
    );
    const vsYoga = ratioRow(
      "overhead",
      "`{ __typename }` req/s (vs bare yoga)",
      gatewayRuns.map((r) => r.throughput),
      yoga.map((r) => r.throughput),
      {
        text: "≥ 1.0",
        ok: (ratio) => ratio >= 1,
      },
    );
    for (const [row, runs, same] of [
      [vsHttp, http, sameBytes.http],
      [vsYoga, yoga, sameBytes.yoga],
    ] as const) {
      const errors = failed(gatewayRuns) + failed(runs);
      if (errors || !same) {
        row.met = false;
        row.note = `${errors} failed requests; same bytes: ${same}`;
      }
    }
    // Against bare http: what the machine and the load generator alone add to the tail.
    const steady = await steadyRuns(
      ctx,
      "overhead",
      { gateway, reference: bareHttp },
      { headers, body: BODY },
      gatewayRuns.map((r) => r.throughput),
    );
    return {
      rows: [
        vsHttp,
        vsYoga,
        ...latencyRows(
          "overhead",
          figure(`saturation, ${knobs.connections} connections`, "bare yoga"),
          gatewayRuns,
          yoga,
          "bare yoga",
          false,
        ),
        ...steadyRows("overhead", figure(`steady at ${STEADY_SHARE * 100}% of saturation`, "bare http"), steady, "bare http"),
      ],
      details: {
        response: answer.body,
        sameBytes,
        credentialCacheTtlMs: CREDENTIAL_TTL_MS,
        gateway: gatewayRuns,
        bareHttp: http,
        bareYoga: yoga,
        steadyRate: steady.rate,
        steadyGateway: steady.gateway,
        steadyBareHttp: steady.reference,
      },
    };
  } finally {
    await Promise.all([gateway.stop(), bareHttp.stop(), bareYoga.stop()]);
  }
}
