/**
 * Figures and the table. Every figure is kept as its list of samples, reduced to the median and the
 * min–max; a ratio is taken per A/B pair (each gateway run against the reference run next to it),
 * because on a shared machine only figures measured side by side are comparable.
 */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low);
}

export function summarize(values: number[]): Summary {
  return { median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

export function pairRatios(subject: number[], reference: number[]): number[] {
  return subject.map((value, i) => value / reference[i]!);
}

/** One line of the table. `met` is undefined when the figure has no target. */
export interface Row {
  scenario: string;
  figure: string;
  gateway: Summary;
  reference?: Summary;
  /** gateway ÷ reference per pair, unless `comparison` says otherwise. */
  ratio?: Summary;
  comparison?: string;
  target?: string;
  met?: boolean;
  note?: string;
}

/** A row comparing paired samples, with the target checked against the median ratio. */
export function ratioRow(
  scenario: string,
  figure: string,
  subject: number[],
  reference: number[],
  target?: { text: string; ok: (medianRatio: number) => boolean },
): Row {
  const ratio = summarize(pairRatios(subject, reference));
  return {
    scenario,
    figure,
    gateway: summarize(subject),
    reference: summarize(reference),
    ratio,
    target: target?.text,
    met: target ? target.ok(ratio.median) : undefined,
  };
}

function number(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function formatSummary(s: Summary | undefined, suffix = ""): string {
  if (!s) return "";
  if (s.min === s.max) return `${number(s.median)}${suffix}`;
  return `${number(s.median)}${suffix} (${number(s.min)}–${number(s.max)})`;
}

/** A Markdown table, so the same text goes to the terminal and into the README. */
export function renderTable(rows: Row[]): string {
  const header = ["scenario", "figure", "gateway", "reference", "ratio", "target", "met"];
  const lines = rows.map((r) => [
    r.scenario,
    r.figure,
    formatSummary(r.gateway),
    formatSummary(r.reference),
    r.ratio ? formatSummary(r.ratio, "×") : (r.comparison ?? ""),
    r.target ?? "",
    r.met === undefined ? "" : r.met ? "yes" : "**no**",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...lines.map(line)].join("\n");
}
