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

/** Settles once a client's connection is acknowledged (its credentials verified) or closed. */
const settled = new WeakMap<Client, Promise<void>>();

export function connect(httpUrl: string, headers: Record<string, string>): Client {
  const client = createClient({ url: wsUrl(httpUrl), webSocketImpl: WebSocket, connectionParams: headers, retryAttempts: 0, lazy: true });
  settled.set(client, new Promise((resolve) => [client.on("connected", () => resolve()), client.on("closed", () => resolve())]));
  return client;
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
        waiters.forEach((w) => {
          w();
        });
      },
      error: (error) => {
        failure = error;
        waiters.forEach((w) => {
          w();
        });
      },
      complete: () => {},
    },
  );
  // graphql-ws has no "subscribed" acknowledgement; once the connection is acknowledged (scrypt
  // done) the server registers the listener within a loopback round trip and a query or two, so
  // a short pause keeps tests from publishing too early.
  await settled.get(client);
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    received,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`received ${received.length} of ${count}: ${JSON.stringify(received)}`)),
          timeoutMs,
        );
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

/** A bare graphql-transport-ws socket: send protocol messages, await the ones that come back. */
export interface ProtocolSocket {
  socket: WebSocket;
  messages: any[];
  send(message: unknown): void;
  /** Resolves with the first received message (past or future) that matches. */
  expectMessage(match: (message: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

export async function openProtocolSocket(httpUrl: string): Promise<ProtocolSocket> {
  const socket = new WebSocket(wsUrl(httpUrl), "graphql-transport-ws");
  const messages: any[] = [];
  const waiters = new Set<() => void>();
  socket.on("message", (data) => {
    messages.push(JSON.parse(String(data)));
    waiters.forEach((w) => {
      w();
    });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once("close", (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  return {
    socket,
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    expectMessage(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message in ${JSON.stringify(messages)}`));
        }, timeoutMs);
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
