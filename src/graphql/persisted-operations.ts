/**
 * Persisted operations: clients send a SHA-256 hash (`extensions.persistedQuery.sha256Hash`, the
 * Apollo protocol) instead of the document.
 *
 * - `apq` (default): automatic persisted queries. An unknown hash answers PERSISTED_QUERY_NOT_FOUND;
 *   the client retries with hash and document, which registers it (per instance, in memory).
 *   Documents are still accepted as usual.
 * - `allowlist` (production): only the operations in a manifest run, sent by hash or in full (the
 *   document must then hash to an entry). Nothing else executes, over HTTP or WebSocket.
 * - `off`: documents only.
 */
import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import { useAPQ } from "@graphql-yoga/plugin-apq";
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

export type PersistedOperations =
  | { mode: "apq" }
  | { mode: "off" }
  /** `manifest`: document by SHA-256 hex hash, the client preset's `persisted-documents.json`. */
  | { mode: "allowlist"; manifest: Record<string, string> };

export const sha256 = (document: string) => hash("sha256", document, "hex");

/**
 * Reads and checks a manifest: every key must be the hash of its document (catches stale files).
 * Keys may carry the `sha256:` prefix that codegen's client preset writes.
 */
export function loadManifest(file: string): Record<string, string> {
  const manifest: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!manifest || typeof manifest !== "object" || Array.isArray(manifest)) {
    throw new Error(`${file}: expected an object of { "<sha256 hash>": "<document>" }`);
  }
  const entries = Object.entries(manifest).map(([key, document]) => {
    const hash = key.replace(/^sha256:/, "");
    if (typeof document !== "string" || sha256(document) !== hash)
      throw new Error(`${file}: entry ${key} is not the SHA-256 of its document`);
    return [hash, document];
  });
  return Object.fromEntries(entries);
}

function error(message: string, code: string, type: string, status: number) {
  return new GraphQLError(message, { extensions: { code, type, http: { status } } });
}

const notInList = () =>
  error("This operation is not in the allowlist of persisted operations", "PERSISTED_QUERY_NOT_FOUND", "not_found_error", 404);
const documentNotAllowed = () =>
  error(
    "Only persisted operations are allowed: send a hash in extensions.persistedQuery.sha256Hash, or a document from the allowlist",
    "PERSISTED_QUERY_ONLY",
    "forbidden_error",
    403,
  );

/** The policy with the gateway's own documents (the REST routes') added to an allowlist. */
export function allowingOwn(policy: PersistedOperations, documents: string[]): PersistedOperations {
  if (policy.mode !== "allowlist") return policy;
  return { mode: "allowlist", manifest: { ...policy.manifest, ...Object.fromEntries(documents.map((d) => [sha256(d), d])) } };
}

/** Whether a document may run under the policy (refused only by an allowlist). */
function allowsDocument(policy: PersistedOperations, document: string): GraphQLError | undefined {
  return policy.mode === "allowlist" && !(sha256(document) in policy.manifest) ? documentNotAllowed() : undefined;
}

const hashOf = (extensions: Record<string, unknown> | undefined) => {
  const hash = (extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  return typeof hash === "string" ? hash.replace(/^sha256:/, "") : undefined;
};

/**
 * The document a graphql-ws subscribe message asks for: its `query`, or, under an allowlist, the
 * entry its `extensions.persistedQuery.sha256Hash` names (with `query` left empty).
 */
export function socketDocument(
  policy: PersistedOperations,
  payload: { query: string; extensions?: Record<string, unknown> | null },
): string | GraphQLError {
  if (policy.mode !== "allowlist") return payload.query;
  if (payload.query) return allowsDocument(policy, payload.query) ?? payload.query;
  const hash = hashOf(payload.extensions ?? undefined);
  return hash ? (policy.manifest[hash] ?? notInList()) : documentNotAllowed();
}

/** The REST `type` yoga's APQ errors lack, so they follow the gateway's error contract. */
const APQ_TYPES: Record<string, string> = { PERSISTED_QUERY_NOT_FOUND: "not_found_error", PERSISTED_QUERY_MISMATCH: "validation_error" };

function withRestType(e: unknown): unknown {
  if (!(e instanceof GraphQLError)) return e;
  const type = APQ_TYPES[String(e.extensions.code)];
  return type ? new GraphQLError(e.message, { extensions: { ...e.extensions, type } }) : e;
}

export function usePersistedOperationsPolicy(policy: PersistedOperations): Plugin {
  if (policy.mode === "off") return {};
  if (policy.mode === "apq") {
    const apq = useAPQ();
    return {
      onParams: async (payload) => {
        try {
          await apq.onParams?.(payload);
        } catch (e) {
          throw withRestType(e);
        }
      },
    };
  }
  const { manifest } = policy;
  return {
    onParams: ({ params, setParams }) => {
      if (params.query) {
        const refused = allowsDocument(policy, params.query);
        if (refused) throw refused;
        return;
      }
      const hash = hashOf(params.extensions);
      if (!hash) throw documentNotAllowed();
      const query = manifest[hash];
      if (query === undefined) throw notInList();
      setParams({ ...params, query });
    },
  };
}
