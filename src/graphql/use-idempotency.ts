/**
 * `Idempotency-Key` for mutations (and so for the REST routes, which run mutations through the
 * gateway): per tenant, the first request with a key runs and its response is kept; a retry within
 * the window gets that response again instead of running the mutation twice — so a client whose
 * request committed but whose connection failed learns that it succeeded. A failed request is not
 * kept (it wrote nothing), so its retry runs anew.
 */
import { hash } from "node:crypto";
import { getOperationAST, print, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type pg from "pg";
import type { Context } from "../context.js";
import { boolean, nullable, object, rowOf, text } from "../db/rows.js";
import { execute, query, sql } from "../db/sql.js";
import { type ApiError, IdempotencyInProgressError, IdempotencyKeyReusedError, ValidationError } from "../errors.js";
import { toGraphQLError } from "./mask-error.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** How long a response is kept for retries (documented in the README). */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;
/** A first attempt silent for this long died with its process; the key may be used again. */
const ABANDONED_AFTER_SECONDS = 60;

type Claim = { claimed: true } | { claimed: false; fingerprint: string; response: ExecutionResult | null } | null;

const readClaimed = rowOf({ claimed: boolean });
// The response is one this plugin stored: an ExecutionResult as JSON.
const readHeld = rowOf({ fingerprint: text, response: nullable(object) });

async function claim(pool: pg.Pool, tenantId: string, key: string, fingerprint: string): Promise<Claim> {
  const claimed = await query(
    pool,
    sql`/* claimIdempotencyKey */
     INSERT INTO "IdempotentRequest" ("tenantId", key, fingerprint) VALUES (${tenantId}, ${key}, ${fingerprint})
     ON CONFLICT ("tenantId", key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, response = NULL, "createdAt" = now()
     WHERE "IdempotentRequest"."createdAt" < now() - ${IDEMPOTENCY_WINDOW_SECONDS} * interval '1 second'
        OR ("IdempotentRequest".response IS NULL AND "IdempotentRequest"."createdAt" < now() - ${ABANDONED_AFTER_SECONDS} * interval '1 second')
     RETURNING true AS claimed`,
    readClaimed,
  );
  if (claimed.length) return { claimed: true };
  const [held] = await query(
    pool,
    sql`/* readIdempotentRequest */ SELECT fingerprint, response FROM "IdempotentRequest" WHERE "tenantId" = ${tenantId} AND key = ${key}`,
    readHeld,
  );
  // Gone in between: the first attempt failed and let go of the key.
  return held ? { claimed: false, ...held } : null;
}

function fingerprintOf(args: { document: Parameters<typeof print>[0]; operationName?: string | null; variableValues?: unknown }) {
  return hash("sha256", JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? {}]), "base64url");
}

type IdempotencyContext = Context & { request?: Request };
type OnExecute = NonNullable<Plugin<IdempotencyContext>["onExecute"]>;
type OnExecutePayload = Parameters<OnExecute>[0];

export function useIdempotency(): Plugin<IdempotencyContext> {
  return {
    // Not async itself: a request without a key (nearly every one) passes without a promise of its own.
    onExecute(payload) {
      const key = payload.args.contextValue.request?.headers.get(IDEMPOTENCY_HEADER);
      if (key == null || getOperationAST(payload.args.document, payload.args.operationName)?.operation !== "mutation") return;
      return runOnce(key, payload);
    },
  };
}

/** The mutation under its key: run now and kept, or answered from what its first run kept. */
async function runOnce(key: string, { args, setResultAndStopExecution }: OnExecutePayload): Promise<Awaited<ReturnType<OnExecute>>> {
  const ctx = args.contextValue;
  const fail = (error: ApiError) => setResultAndStopExecution({ errors: [toGraphQLError(error)] });
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    return fail(new ValidationError([{ path: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }]));
  }
  const { pool } = ctx;
  const { tenantId } = ctx.viewer;
  const fingerprint = fingerprintOf(args);
  let held: Claim = null;
  for (let attempt = 0; held === null && attempt < 3; attempt++) held = await claim(pool, tenantId, key, fingerprint);
  if (held === null || (!held.claimed && !held.response)) return fail(new IdempotencyInProgressError());
  if (!held.claimed)
    return held.fingerprint === fingerprint ? setResultAndStopExecution(held.response!) : fail(new IdempotencyKeyReusedError());
  return {
    async onExecuteDone({ result }) {
      const done = result as ExecutionResult;
      if (done.errors?.length) {
        await execute(
          pool,
          sql`/* releaseIdempotencyKey */ DELETE FROM "IdempotentRequest" WHERE "tenantId" = ${tenantId} AND key = ${key}`,
        );
      } else {
        await execute(
          pool,
          sql`/* keepIdempotentResponse */ UPDATE "IdempotentRequest" SET response = ${JSON.stringify(done)}::jsonb
               WHERE "tenantId" = ${tenantId} AND key = ${key}`,
        );
      }
    },
  };
}
