/** What the network edge allows: sizes, operation limits and cost, CORS, credential attempts. */
export interface EdgeSettings {
  /** Largest request body (HTTP) and WebSocket message after connection_init, in bytes. */
  maxBodyBytes: number;
  /** GraphQL document limits (graphql-armor), checked before validation and execution. */
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Largest requested cost of one operation (objects it may return). */
  maxOperationCost: number;
  /** Cost each credential may spend per window; an operation costs what it actually returned. */
  costBudget: { points: number; durationSeconds: number };
  /** Browser origins allowed to call with credentials; empty means CORS stays off. */
  corsOrigins: string[];
  /** Schema introspection for authenticated callers (never for anonymous ones). */
  introspection: boolean;
  /** Stacks and internal messages in errors: only for local development. */
  devErrors: boolean;
  /** Failed authentications allowed per client IP and per key id within the window, before 429. */
  authFailures: { perIp: number; perKey: number; windowSeconds: number };
  /** How often open WebSockets re-check their credentials (revocation reaches them within this). */
  wsCredentialCheckSeconds: number;
}

export const EDGE_DEFAULTS: EdgeSettings = {
  maxBodyBytes: 1_048_576,
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 20,
  maxOperationCost: 5_000,
  costBudget: { points: 50_000, durationSeconds: 60 },
  corsOrigins: [],
  introspection: true,
  devErrors: false,
  authFailures: { perIp: 30, perKey: 10, windowSeconds: 300 },
  wsCredentialCheckSeconds: 30,
};
