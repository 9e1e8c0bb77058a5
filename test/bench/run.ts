/**
 * `npm run bench [-- scenario… [--profile]]`: every scenario, or the named ones, each comparing
 * the gateway with a hand-written reference doing the same work, A B A B … in one run. Prints one
 * table (Markdown, for the README) and writes test/bench/results/<date>.json with every sample.
 * `--profile` runs the gateway under `node --cpu-prof` and prints its top frames; its figures are
 * then not comparable with an unprofiled run. Knobs: see knobs.ts.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { crossInstance } from "./cross-instance.js";
import { createBenchDatabase } from "./database.js";
import { fanout } from "./fanout.js";
import { ingest } from "./ingest.js";
import { knobs } from "./knobs.js";
import { nested } from "./nested.js";
import { overhead } from "./overhead.js";
import { planPinning } from "./processes.js";
import { renderShares, summarizeProfile } from "./profile.js";
import { createContext, type BenchContext, type ScenarioResult } from "./runner.js";
import { seed } from "./seed.js";
import { renderTable, type Row } from "./stats.js";

const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<ScenarioResult | null>> = {
  overhead,
  nested,
  ingest,
  fanout,
  "cross-instance": crossInstance,
};

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));

function parseArgs(argv: string[]) {
  const profile = argv.includes("--profile");
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(", ")}; choose from ${Object.keys(SCENARIOS).join(", ")}`);
  return { profile, names: names.length ? names : Object.keys(SCENARIOS) };
}

function machine() {
  const busiest = (() => {
    try {
      return execFileSync("ps", ["-eo", "pcpu,comm", "--sort=-pcpu"], { encoding: "utf8" })
        .split("\n")
        .slice(1, 6)
        .map((l) => l.trim())
        .filter(Boolean);
    } catch {
      return [];
    }
  })();
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    busiestProcesses: busiest,
  };
}

async function main() {
  const { profile, names } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const stamp = new Date().toISOString().replace(/:/g, "-").replace(/\..*/, "");
  const pinning = planPinning();
  const before = machine();
  console.log(`bench ${stamp}: ${names.join(", ")}${profile ? " (gateway profiled)" : ""}`);
  console.log(`  ${before.cpus} × ${before.cpuModel}, node ${before.node}, load average ${before.loadAverage.join(" ")}`);
  console.log(`  ${pinning.note}`);
  const database = await createBenchDatabase();
  console.log(`  PostgreSQL ${database.version}: ${database.source}`);
  const redisUrl = process.env.REDIS_URL || undefined;
  const profileDir = profile ? `${RESULTS}profiles-${stamp}` : undefined;
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const skipped: string[] = [];
  const interrupted = () => void database.drop().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  try {
    const seeded = await seed(database.url);
    const ctx = await createContext({ databaseUrl: database.url, redisUrl, seeded, pinning, profileDir });
    try {
      for (const name of names) {
        const t0 = Date.now();
        console.log(`\n▶ ${name}`);
        const result = await SCENARIOS[name]!(ctx);
        if (!result) {
          skipped.push(name);
          console.log("  skipped: REDIS_URL is not set");
          continue;
        }
        rows.push(...result.rows);
        details[name] = { seconds: (Date.now() - t0) / 1000, rows: result.rows, ...result.details };
        console.log(`  ${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
    } finally {
      await ctx.close();
    }
  } finally {
    process.off("SIGINT", interrupted);
    await database.drop();
  }

  const table = renderTable(rows);
  const seconds = (Date.now() - started) / 1000;
  console.log(`\n${table}\n`);
  for (const row of rows.filter((r) => r.note)) console.log(`  note (${row.scenario}, ${row.figure}): ${row.note}`);
  if (skipped.length) console.log(`  skipped: ${skipped.join(", ")} (set REDIS_URL for cross-instance)`);
  const after = machine();
  console.log(`  total ${seconds.toFixed(0)} s; load average before ${before.loadAverage.join(" ")}, after ${after.loadAverage.join(" ")}`);

  let profileSummary: unknown;
  if (profileDir) {
    // Each gateway writes one profile for its main thread and one for tsx's module-loader thread;
    // the busiest is the main thread of the scenario's gateway.
    const files = (await readdir(profileDir)).filter((f) => f.endsWith(".cpuprofile"));
    const summaries = await Promise.all(files.map(async (file) => ({ file, ...(await summarizeProfile(`${profileDir}/${file}`)) })));
    const main = summaries.sort((x, y) => y.busyMs - x.busyMs)[0];
    if (main) {
      profileSummary = main;
      console.log(`\nprofile ${profileDir}/${main.file} (${main.busyMs.toFixed(0)} ms busy, start-up included)`);
      console.log(renderShares("by package (self time):", main.areas));
      console.log(renderShares("top frames (self time):", main.frames));
    }
  }

  await mkdir(RESULTS, { recursive: true });
  const file = `${RESULTS}${stamp}.json`;
  const report = {
    date: new Date(started).toISOString(),
    seconds,
    scenarios: names,
    skipped,
    profiled: profile,
    machine: { ...before, loadAverageAfter: after.loadAverage, pinning: pinning.note },
    postgres: { version: database.version, source: database.source },
    redis: redisUrl ? "REDIS_URL set" : "unset",
    knobs,
    table,
    rows,
    details,
    profile: profileSummary,
  };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`  wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
