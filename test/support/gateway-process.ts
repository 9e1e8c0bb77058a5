/**
 * The gateway as its own process (`src/main.ts`), as operators run it: for tests of start-up,
 * shutdown and faults that must not end the process. Its output is kept for assertions.
 */
import { spawn, type ChildProcess } from "node:child_process";

const ROOT = new URL("../..", import.meta.url).pathname;

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited(): Promise<number | null>;
}

/** Starts `src/main.ts` with `env` on top of this environment (minus DATABASE_URL, REDIS_URL, DEMO unless given). */
export async function startGatewayProcess(env: Record<string, string | undefined>): Promise<GatewayProcess> {
  const base: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" };
  delete base.DATABASE_URL;
  delete base.REDIS_URL;
  delete base.DEMO;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/"url":"(http:\/\/localhost:\d+\/graphql)"/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exit.then((code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output, exited: () => exit };
}

/** Polls `/readyz` until it answers 200; returns how long that took. */
export async function waitReady(url: string, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const res = await fetch(url.replace("/graphql", "/readyz")).catch(() => null);
    if (res?.status === 200) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
}
