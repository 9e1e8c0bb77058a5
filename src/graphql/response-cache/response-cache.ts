/**
 * The response cache's rules: what a cached answer depends on, when it is still valid, and what an
 * announced write invalidates (README, Performance). Answers are kept per tenant; only queries reach
 * it (use-response-cache.ts).
 *
 * An answer made only of lookups by id (`shipment(id)`, `node`, `nodes`) that all found their row
 * depends on the shipment and carton rows in it; any other answer (lists, counts, lookups by number
 * or tracking number, a lookup that found nothing) depends on the tenant's lists, which every write
 * of the tenant changes.
 */
import type { CacheEntityRecord, Cache as EnvelopCache } from "@envelop/response-cache";
import type { ExecutionResult, OperationDefinitionNode } from "graphql";
import type { Logger } from "pino";
import type { ShipmentChange, ShipmentChanges } from "../../shipments/changes.js";
import type { CacheStore } from "./store.js";

/** The dependency every answer but lookups by id has: any write of the tenant changes it. */
const TENANT_LISTS = "lists";
/** The types whose rows writes change and announce; items and events are only ever added, as children of these. */
const CHANGING_TYPES = new Set(["Shipment", "Carton"]);
const LOOKUPS_BY_ID = new Set(["shipment", "node", "nodes", "__typename"]);

interface Entry {
  /** The tenant's change count read before the query ran. */
  changes: number;
  dependencies: string[];
  result: ExecutionResult;
}

/** True when every root field is a lookup by id that found its row(s). */
function foundById(operation: OperationDefinitionNode, data: Record<string, unknown> | null | undefined): boolean {
  if (!data) return false;
  return operation.selectionSet.selections.every((selection) => {
    if (selection.kind !== "Field" || !LOOKUPS_BY_ID.has(selection.name.value)) return false;
    const value = data[selection.alias?.value ?? selection.name.value];
    return Array.isArray(value) ? value.every((node) => node != null) : value != null;
  });
}

export class ResponseCache implements ShipmentChanges {
  constructor(
    private readonly store: CacheStore,
    readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Records the write against its rows and the tenant's lists. A store that cannot take it is
   * logged, not thrown: the write has committed, and answers it should have invalidated live at
   * most the TTL.
   */
  async committed({ tenantId, rowIds }: ShipmentChange): Promise<void> {
    try {
      await this.store.change(tenantId, [TENANT_LISTS, ...rowIds], this.ttlMs);
    } catch (error) {
      this.logger.warn({ err: error, tenantId }, "response cache: a write could not be recorded; cached answers may lag it up to the TTL");
    }
  }

  /** envelop's cache interface for one query of one tenant, and the store of its answer, once under way. */
  forQuery(tenantId: string, operation: OperationDefinitionNode): QueryCache {
    const { store, ttlMs, logger } = this;
    // Read before the query runs: an answer stored with it is checked against every write after it.
    let changesBefore: number | undefined;
    let lookedUpAt = 0;
    let storing: Promise<void> | undefined;
    const put = async (key: string, result: ExecutionResult, entities: Iterable<CacheEntityRecord>) => {
      // Counted from the lookup, so the entry is gone before any mark of a later write expires.
      const ttlLeft = ttlMs - (Date.now() - lookedUpAt);
      if (changesBefore === undefined || ttlLeft <= 0) return;
      const dependencies = foundById(operation, result.data) ? rowsOf(entities) : [TENANT_LISTS];
      try {
        const entry: Entry = { changes: changesBefore, dependencies, result };
        await store.put(tenantId, key, JSON.stringify(entry), ttlLeft);
      } catch (error) {
        logger.warn({ err: error }, "response cache: an answer could not be stored");
      }
    };
    return {
      async get(key) {
        changesBefore = undefined;
        try {
          const { entry, changes } = await store.lookup(tenantId, key);
          changesBefore = changes;
          lookedUpAt = Date.now();
          if (!entry) return undefined;
          const cached = JSON.parse(entry) as Entry;
          const changedAt = await store.changedAt(tenantId, cached.dependencies);
          return changedAt.every((at) => at <= cached.changes) ? cached.result : undefined;
        } catch (error) {
          logger.warn({ err: error }, "response cache: lookup failed; answering without it");
          return undefined;
        }
      },
      set(key, result, entities) {
        storing = put(key, result, entities);
        return storing;
      },
      invalidate() {
        // Never called: mutations do not reach the cache; writes announce their changes to `committed`.
      },
      stored: () => storing,
    };
  }
}

export interface QueryCache extends EnvelopCache {
  /** The answer's store, once envelop started it (it does not wait for it). */
  stored(): Promise<void> | undefined;
}

function rowsOf(entities: Iterable<CacheEntityRecord>): string[] {
  const rows = new Set<string>();
  for (const { typename, id } of entities) if (CHANGING_TYPES.has(typename) && id != null) rows.add(String(id));
  return [...rows];
}
