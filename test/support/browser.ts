/**
 * Headless Chromium from the OS packages (Debian's `chromium`), driven by playwright-core, which
 * never downloads a browser of its own. Without one, browser tests skip and say why.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The Chromium executable, or the reason there is none. */
export function findChromium(): { executablePath: string } | { missing: string } {
  const executablePath = CANDIDATES.find((candidate) => candidate && existsSync(candidate));
  if (executablePath) return { executablePath };
  return {
    missing: `no Chromium at ${CANDIDATES.filter(Boolean).join(", ")}; install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`,
  };
}

/** A fresh browser profile (new, empty user data dir), as a first-time visitor has. */
export async function launchChromium(executablePath: string): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), "gateway-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return Object.assign(context, {
    async dispose() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  });
}

/** Where tests keep screenshots for a human to look at (git-ignored). */
export const ARTIFACTS_DIR = new URL("../artifacts/", import.meta.url).pathname;
