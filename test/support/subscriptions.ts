/** Real graphql-ws clients against a test gateway, collecting what they receive. */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface Subscriber {
  received: any[];
  /** Resolves once `count` results have arrived (in total). */
  waitFor(count: number, timeoutMs?: number): Promise<any[]>;
  close(): Promise<void>;
}

export function wsUrl(httpUrl: string) {
  return httpUrl.replace(/^http/, "ws");
}

export function connect(httpUrl: string, headers: Record<string, string>): Client {
  return createClient({ url: wsUrl(httpUrl), webSocketImpl: WebSocket, connectionParams: headers, retryAttempts: 0, lazy: true });
}

/** Subscribes and resolves once the server has acknowledged the connection and the operation is live. */
export async function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Subscriber> {
  const received: any[] = [];
  const waiters: (() => void)[] = [];
  let failure: unknown;
  const stop = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        received.push(result);
        waiters.forEach((w) => w());
      },
      error: (error) => {
        failure = error;
        waiters.forEach((w) => w());
      },
      complete: () => {},
    },
  );
  // graphql-ws has no "subscribed" acknowledgement; the server registers the listener within a
  // loopback round trip and a query or two, so a short pause keeps tests from publishing too early.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    received,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`received ${received.length} of ${count}: ${JSON.stringify(received)}`)), timeoutMs);
        const check = () => {
          if (failure) reject(failure);
          else if (received.length >= count) {
            clearTimeout(timer);
            resolve(received);
          }
        };
        waiters.push(check);
        check();
      });
    },
    async close() {
      stop();
    },
  };
}
