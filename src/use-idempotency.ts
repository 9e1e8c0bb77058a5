/**
 * `Idempotency-Key` for mutations (and so for the REST routes, which run mutations through the
 * gateway): per tenant, the first request with a key runs and its response is kept; a retry within
 * the window gets that response again instead of running the mutation twice — so a client whose
 * request committed but whose connection failed learns that it succeeded. A failed request is not
 * kept (it wrote nothing), so its retry runs anew.
 */
import { createHash } from "node:crypto";
import { getOperationAST, print, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type pg from "pg";
import type { Context } from "./context.js";
import { sqlPool } from "./db/client.js";
import { ApiError, IdempotencyInProgressError, IdempotencyKeyReusedError, ValidationError } from "./errors.js";
import { toGraphQLError } from "./mask-error.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** How long a response is kept for retries (documented in the README). */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;
/** A first attempt silent for this long died with its process; the key may be used again. */
const ABANDONED_AFTER_SECONDS = 60;

type Claim = { claimed: true } | { claimed: false; fingerprint: string; response: ExecutionResult | null } | null;

async function claim(pool: pg.Pool, tenantId: string, key: string, fingerprint: string): Promise<Claim> {
  const { rows } = await pool.query(
    `/* claimIdempotencyKey */
     INSERT INTO "IdempotentRequest" ("tenantId", key, fingerprint) VALUES ($1, $2, $3)
     ON CONFLICT ("tenantId", key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, response = NULL, "createdAt" = now()
     WHERE "IdempotentRequest"."createdAt" < now() - $4 * interval '1 second'
        OR ("IdempotentRequest".response IS NULL AND "IdempotentRequest"."createdAt" < now() - $5 * interval '1 second')
     RETURNING true AS claimed`,
    [tenantId, key, fingerprint, IDEMPOTENCY_WINDOW_SECONDS, ABANDONED_AFTER_SECONDS],
  );
  if (rows.length) return { claimed: true };
  const held = await pool.query<{ fingerprint: string; response: ExecutionResult | null }>(
    `/* readIdempotentRequest */ SELECT fingerprint, response FROM "IdempotentRequest" WHERE "tenantId" = $1 AND key = $2`,
    [tenantId, key],
  );
  // Gone in between: the first attempt failed and let go of the key.
  return held.rows[0] ? { claimed: false, ...held.rows[0] } : null;
}

function fingerprintOf(args: { document: Parameters<typeof print>[0]; operationName?: string | null; variableValues?: unknown }) {
  return createHash("sha256")
    .update(JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? {}]))
    .digest("base64url");
}

export function useIdempotency(): Plugin<Context & { request?: Request }> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      const key = ctx.request?.headers.get(IDEMPOTENCY_HEADER);
      if (key == null || getOperationAST(args.document, args.operationName)?.operation !== "mutation") return;
      const fail = (error: ApiError) => setResultAndStopExecution({ errors: [toGraphQLError(error)] });
      if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
        return fail(new ValidationError([{ path: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }]));
      }
      const pool = sqlPool(ctx.db);
      const { tenantId } = ctx.viewer;
      const fingerprint = fingerprintOf(args);
      let held: Claim = null;
      for (let attempt = 0; held === null && attempt < 3; attempt++) held = await claim(pool, tenantId, key, fingerprint);
      if (held === null || (!held.claimed && !held.response)) return fail(new IdempotencyInProgressError());
      if (!held.claimed) return held.fingerprint === fingerprint ? setResultAndStopExecution(held.response!) : fail(new IdempotencyKeyReusedError());
      return {
        async onExecuteDone({ result }) {
          const done = result as ExecutionResult;
          if (done.errors?.length) {
            await pool.query(`/* releaseIdempotencyKey */ DELETE FROM "IdempotentRequest" WHERE "tenantId" = $1 AND key = $2`, [tenantId, key]);
          } else {
            await pool.query(`/* keepIdempotentResponse */ UPDATE "IdempotentRequest" SET response = $3::jsonb WHERE "tenantId" = $1 AND key = $2`, [
              tenantId,
              key,
              JSON.stringify(done),
            ]);
          }
        },
      };
    },
  };
}
