/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and names where the time went: the heaviest frames by
 * self time, and the same time grouped by package, which is what decides what to optimise.
 */
import { readFile } from "node:fs/promises";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time. */
  percent: number;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) return url.slice(modules + "node_modules/".length);
  const src = url.indexOf("/src/");
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, "");
}

function area(url: string, functionName: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + "node_modules/".length).split("/");
    return scope!.startsWith("@") ? `${scope}/${name}` : scope!;
  }
  if (url.startsWith("node:")) return "node core";
  if (url.startsWith("wasm://")) return "WebAssembly (Prisma's query compiler)";
  if (url.includes("/src/generated/")) return "src/generated (Prisma client)";
  if (url.includes("/src/")) return "src (gateway code)";
  if (!url) return `(${functionName.replace(/[()]/g, "") || "native"})`;
  return "other";
}

function top(totals: Map<string, number>, busy: number, n: number): Share[] {
  return [...totals]
    .sort((x, y) => y[1] - x[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / busy }));
}

export async function summarizeProfile(file: string, n = 15): Promise<{ busyMs: number; frames: Share[]; areas: Share[] }> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!;
    if (frame.functionName === "(idle)") return;
    const us = profile.timeDeltas[i] ?? 0;
    busy += us;
    const name = frame.url ? `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : frame.functionName;
    frames.set(name, (frames.get(name) ?? 0) + us);
    const group = area(frame.url, frame.functionName);
    areas.set(group, (areas.get(group) ?? 0) + us);
  });
  return { busyMs: busy / 1000, frames: top(frames, busy, n), areas: top(areas, busy, n) };
}

export function renderShares(title: string, shares: Share[]): string {
  return [title, ...shares.map((s) => `  ${s.percent.toFixed(1).padStart(5)}%  ${s.ms.toFixed(0).padStart(6)} ms  ${s.name}`)].join("\n");
}
