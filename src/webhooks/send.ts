/**
 * One POST to a receiver, bounded every way a receiver could hold us: a deadline for the whole
 * exchange, a cap on how much of the answer we read, and no redirects (a 3xx is a failed attempt,
 * so a public URL cannot bounce us to a private one).
 */
import http from "node:http";
import https from "node:https";
import type { WebhookTargets } from "./target.js";

export interface SendLimits {
  timeoutMs: number;
  /** Bytes of the response read; the rest is cut off. */
  maxResponseBytes: number;
}

export interface SendOutcome {
  ok: boolean;
  /** The receiver's status, or null when there was no answer. */
  status: number | null;
  latencyMs: number;
  /** Why it failed: the network error, or the status and the start of the answer. */
  error: string | null;
}

const ERROR_SNIPPET = 500;

export async function sendWebhook(
  targets: WebhookTargets,
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  limits: SendLimits,
): Promise<SendOutcome> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const url = await targets.check(rawUrl);
    const { status, text } = await post(url, targets, headers, body, limits);
    const ok = status >= 200 && status < 300;
    return { ok, status, latencyMs: latency(), error: ok ? null : `HTTP ${status}${text ? `: ${text.slice(0, ERROR_SNIPPET)}` : ""}` };
  } catch (error) {
    return { ok: false, status: null, latencyMs: latency(), error: (error as Error).message };
  }
}

function post(url: URL, targets: WebhookTargets, headers: Record<string, string>, body: string, limits: SendLimits) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "user-agent": "shipment-tracking-webhooks/1" },
      lookup: targets.lookupFor(url),
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
    request.on("error", (error) => reject(error.name === "AbortError" ? new Error(`timed out after ${limits.timeoutMs} ms`) : error));
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk.subarray(0, Math.max(0, limits.maxResponseBytes - size)));
        size += chunk.length;
        // Enough read to judge the answer; a receiver streaming more only wastes our time.
        if (size >= limits.maxResponseBytes) {
          finish();
          response.destroy();
        }
      });
      response.on("end", finish);
      response.on("error", reject);
    });
    request.end(body);
  });
}
