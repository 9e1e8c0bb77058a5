/**
 * Child processes for the bench. The measured server and the load generator each get a core of
 * their own (taskset), so the load generator never competes with the server it measures; on this
 * 2-core machine PostgreSQL and Redis still share both cores with them. Parent and child talk over
 * Node's IPC channel: `call(method, arg)` in the parent runs `handlers[method](arg)` in the child.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Pinning {
  server?: number;
  load?: number;
  note: string;
}

/** "0,2-3" → [0, 2, 3] */
function cpuList(list: string): number[] {
  return list.split(",").flatMap((part) => {
    const [from, to = from] = part.trim().split("-").map(Number);
    return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
  });
}

/** The first two CPUs this process may run on: one for servers, one for load generators. */
export function planPinning(): Pinning {
  let cpus: number[];
  try {
    cpus = cpuList(
      execFileSync("taskset", ["-pc", String(process.pid)], { encoding: "utf8" })
        .split(":")
        .pop()!
        .trim(),
    );
  } catch {
    return { note: "not pinned (taskset unavailable)" };
  }
  if (cpus.length < 2) return { note: `not pinned (only CPU ${cpus.join(",")} available)` };
  return {
    server: cpus[0],
    load: cpus[1],
    note: `servers on CPU ${cpus[0]}, load generators on CPU ${cpus[1]} (taskset); PostgreSQL and Redis unpinned`,
  };
}

type Reply = { id: number; result?: unknown; error?: string } | { ready: true };

export class Child {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
  ) {
    proc.on("message", (message: Reply) => {
      if ("ready" in message) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(`${name}: ${message.error}`));
      else waiter?.resolve(message.result);
    });
    // A send racing the child's exit must fail the call, not crash the orchestrator.
    proc.on("error", () => undefined);
    this.exited = new Promise((resolve) =>
      proc.once("exit", (code) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited (code ${code})`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  get pid() {
    return this.proc.pid!;
  }

  call<T = unknown>(method: string, arg?: unknown): Promise<T> {
    if (!this.proc.connected) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.proc.send({ id, method, arg });
    });
  }

  /** Asks the child to close and exit (so `--cpu-prof` can write its profile); kills it if it hangs. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 10_000);
    await this.call("close").catch(() => undefined);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface SpawnOptions {
  /** CPU to pin the child to; unpinned when undefined. */
  cpu?: number;
  /** Extra node flags, e.g. --cpu-prof, --expose-gc. */
  nodeFlags?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** Starts `script` (a sibling .ts file) under tsx, pinned to `cpu`, and waits until it serves calls. */
export async function spawnChild(name: string, script: string, options: SpawnOptions = {}): Promise<Child> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const nodeArgs = ["--import", "tsx", ...(options.nodeFlags ?? []), file];
  const [command, args] =
    options.cpu === undefined ? [process.execPath, nodeArgs] : ["taskset", ["-c", String(options.cpu), process.execPath, ...nodeArgs]];
  const proc = spawn(command, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...options.env } });
  const child = new Child(name, proc);
  await new Promise<void>((resolve, reject) => {
    proc.on("message", (message: Reply) => "ready" in message && resolve());
    void child.exited.then((code) => reject(new Error(`${name} exited during start-up (code ${code})`)));
  });
  return child;
}

/** The child side: answers calls until "close", then exits. */
export function serve(handlers: Record<string, (arg: any) => unknown>) {
  process.on("message", async (message: { id: number; method: string; arg: unknown }) => {
    let reply: Reply;
    try {
      const handler = handlers[message.method];
      if (!handler && message.method !== "close") throw new Error(`no handler for ${message.method}`);
      reply = { id: message.id, result: await handler?.(message.arg) };
    } catch (error) {
      reply = { id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    process.send!(reply, () => message.method === "close" && process.exit(0));
  });
  // An orphaned child (the orchestrator crashed) must not keep ports and sockets open.
  process.on("disconnect", () => process.exit(1));
  process.send!({ ready: true });
}
