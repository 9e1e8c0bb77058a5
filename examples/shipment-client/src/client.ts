/**
 * A small typed client for the gateway: queries over HTTP (fetch), subscriptions over graphql-ws,
 * both taking the typed documents codegen generates, so results and variables are checked.
 *
 * `persisted: true` sends only each operation's SHA-256 hash (codegen embeds it in the document),
 * as the gateway's allowlist mode wants in production; otherwise the document itself is sent.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";

export interface ShipmentClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** Credentials, e.g. `{ authorization: "Basic …" }`; sent as headers and as graphql-ws' connection_init payload. */
  headers: Record<string, string>;
  persisted?: boolean;
  /** For Node before 22 or tests: the WebSocket implementation (the `ws` package). Browsers have one. */
  webSocketImpl?: unknown;
}

export class GraphQLRequestError extends Error {
  constructor(readonly errors: { message: string; extensions?: Record<string, unknown> }[]) {
    super(errors.map((e) => e.message).join("; "));
  }
}

type Meta = { __meta__?: { hash?: string } };

export function createShipmentClient({ url, headers, persisted = false, webSocketImpl }: ShipmentClientOptions) {
  const body = <R, V>(document: TypedDocumentNode<R, V>, variables: V) => {
    const hash = (document as Meta).__meta__?.hash?.replace(/^sha256:/, "");
    return persisted && hash
      ? { query: "", variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }
      : { query: print(document), variables };
  };
  let socket: Client | undefined;

  return {
    /** Runs a query or mutation; rejects with the GraphQL errors when there is no data. */
    async request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
      const response = await fetch(url, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", accept: "application/graphql-response+json" },
        body: JSON.stringify(body(document, variables)),
      });
      const result = (await response.json()) as { data?: R; errors?: GraphQLRequestError["errors"] };
      if (!result.data) throw new GraphQLRequestError(result.errors ?? [{ message: `HTTP ${response.status}` }]);
      return result.data;
    },

    /** Subscribes; `onData` gets each typed result. Returns a function that unsubscribes. */
    subscribe<R, V>(
      document: TypedDocumentNode<R, V>,
      variables: V,
      onData: (data: R) => void,
      onError?: (error: unknown) => void,
    ): () => void {
      socket ??= createClient({ url: url.replace(/^http/, "ws"), connectionParams: headers, webSocketImpl });
      return socket.subscribe<R>(body(document, variables) as { query: string }, {
        next: (result) => (result.data ? onData(result.data) : onError?.(result.errors)),
        error: (error) => onError?.(error),
        complete: () => {},
      });
    },

    /** Closes the WebSocket, if one was opened. */
    async close() {
      await socket?.dispose();
    },
  };
}

export type ShipmentClient = ReturnType<typeof createShipmentClient>;
