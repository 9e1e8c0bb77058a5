/** A webhook receiver on 127.0.0.1: records every request and answers as the test says. */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
}

/** How to answer a request: a status, or "hang" to never answer (a receiver that times out). */
export type Answer = number | "hang";

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Decides the answer to each request; 200 when unset. */
  answer: (request: ReceivedWebhook, index: number) => Answer;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const hanging: http.ServerResponse[] = [];
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    answer: () => 200,
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const webhook = { headers: request.headers, body, json: JSON.parse(body) };
      const index = receiver.received.push(webhook) - 1;
      const answer = receiver.answer(webhook, index);
      if (answer === "hang") return void hanging.push(response);
      response.writeHead(answer).end(answer === 200 ? "ok" : "receiver broke");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
  return receiver;
}

/** The README's verification snippet, word for word, so the documented code is what is tested. */
export function verifyWebhook(secret: string, headers: Headers, body: string, toleranceSeconds = 300): boolean {
  const id = headers.get("webhook-id") ?? "";
  const timestamp = headers.get("webhook-timestamp") ?? "";
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false; // replayed or stale
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return (headers.get("webhook-signature") ?? "").split(" ").some((entry) => {
    const [version, signature = ""] = entry.split(",");
    const given = Buffer.from(signature, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export function verifySignature(secret: string, webhook: ReceivedWebhook): boolean {
  return verifyWebhook(secret, new Headers(Object.entries(webhook.headers) as [string, string][]), webhook.body);
}
