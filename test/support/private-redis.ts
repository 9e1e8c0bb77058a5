/**
 * A redis-server of the test's own on a free port, to kill and restart: the machine's shared Redis
 * is never touched. No persistence, so a restart comes back empty, as after a crash without AOF.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "../../src/db/embedded.js";

/** Whether `redis-server` is on PATH; tests that need one print why they skip when it is not. */
export function redisServerInstalled(): boolean {
  const found = spawnSync("redis-server", ["--version"]).status === 0;
  if (!found) console.log("[tests] redis-server is not on PATH: skipping tests that kill a private Redis");
  return found;
}

export interface PrivateRedis {
  url: string;
  /** SIGKILLs the server and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return child;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const dying = child;
      child = undefined;
      if (!dying || dying.exitCode !== null) return;
      const gone = new Promise((resolve) => dying.once("exit", resolve));
      dying.kill("SIGKILL");
      await gone;
    },
    async restart() {
      child = await launch(port);
    },
  };
}
