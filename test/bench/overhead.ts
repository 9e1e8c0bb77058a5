/**
 * overhead: `{ __typename }` through the gateway (authentication from its cache, rate limit, parse,
 * validate, execute, serialize) against a bare node http server that answers the same bytes. The
 * ratio is the share of node's raw HTTP throughput the gateway keeps. Target ≥ 0.35.
 */
import { JSON_HEADERS, post, type BenchContext, type ScenarioResult } from "./runner.js";
import { readBody, startHttp, type BenchServer } from "./server-kit.js";
import { ratioRow } from "./stats.js";
import { knobs } from "./knobs.js";

const BODY = JSON.stringify({ query: "{ __typename }" });

/** The reference: reads the request, answers the gateway's exact response bytes and content type. */
export async function startBareHttp({ contentType, body }: { contentType: string; body: string }): Promise<BenchServer> {
  const bytes = Buffer.from(body);
  return startHttp(async (req, res) => {
    await readBody(req);
    res.writeHead(200, { "content-type": contentType, "content-length": bytes.length }).end(bytes);
  });
}

export async function overhead(ctx: BenchContext): Promise<ScenarioResult> {
  const headers = { ...JSON_HEADERS, authorization: ctx.seeded.nested.authorization };
  const gateway = await ctx.startServer("gateway", "gateway", { url: ctx.databaseUrl });
  const answer = await post(gateway.url, headers, BODY);
  if (answer.status !== 200) throw new Error(`overhead: gateway answered ${answer.status} ${answer.body}`);
  const reference = await ctx.startServer("bare-http", "bare-http", { contentType: answer.contentType, body: answer.body });
  const echoed = await post(reference.url, headers, BODY);
  const sameBytes = echoed.body === answer.body && echoed.contentType === answer.contentType;
  try {
    const run = (server: typeof gateway) => (warmUp: boolean) =>
      ctx.runLoad(server, { headers, body: BODY }, warmUp ? knobs.warmupSeconds : knobs.seconds);
    const { a, b } = await ctx.interleave("overhead", knobs.pairs, run(gateway), run(reference), (r) => `${r.throughput.toFixed(0)} req/s`);
    const errors = [...a, ...b].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    const row = ratioRow(
      "overhead",
      "`{ __typename }` req/s",
      a.map((r) => r.throughput),
      b.map((r) => r.throughput),
      { text: "≥ 0.35", ok: (ratio) => ratio >= 0.35 },
    );
    if (errors || !sameBytes) {
      row.met = false;
      row.note = `${errors} failed requests; same bytes: ${sameBytes}`;
    }
    return { rows: [row], details: { response: answer.body, sameBytes, gateway: a, reference: b } };
  } finally {
    await Promise.all([gateway.stop(), reference.stop()]);
  }
}
