/**
 * CPU time PostgreSQL has used, when it runs on this machine: the server processes read from
 * /proc. The postmaster's "children" times hold the backends that have exited (it reaps them), so
 * live processes plus those add up to everything since it started, at the kernel's tick (10 ms).
 * Per request it shows what a path costs the database, which throughput alone hides when the
 * database shares its cores with the load generator.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

function stat(pid: string): { comm: string; ppid: number; own: number; children: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is parenthesised and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return { comm, ppid: Number(fields[1]), own: utime! + stime!, children: cutime! + cstime! };
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/** µs of CPU used by every PostgreSQL process on this machine so far; undefined when none is visible. */
export function postgresCpuMicros(): number | undefined {
  const processes = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((pid) => ({ pid: Number(pid), ...stat(pid) }))
    .filter((p) => p.comm === "postgres");
  if (!processes.length) return undefined;
  const pids = new Set(processes.map((p) => p.pid));
  const ticks = processes.reduce((sum, p) => sum + p.own! + (pids.has(p.ppid!) ? 0 : p.children!), 0);
  return ticks * TICK_MICROS;
}
