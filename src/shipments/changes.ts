/**
 * Committed writes announce what they changed, so whatever keeps copies of earlier reads (the
 * response cache, src/graphql/response-cache/) drops them before the writer answers its caller.
 * The writer awaits the announcement after its commit: a read that follows the write's answer, on
 * any instance, then sees the write.
 */

/** One committed write of one tenant's shipment graph. */
export interface ShipmentChange {
  tenantId: string;
  /**
   * The shipment and carton rows whose fields, or whose lists of children (cartons, items, events,
   * audit entries), the write changed. A write also changes what the tenant's lists, counts and
   * lookups by number can return, whatever these ids are.
   */
  rowIds: string[];
}

export interface ShipmentChanges {
  committed(change: ShipmentChange): Promise<void>;
}

/** Nothing keeps copies of reads: the response cache is off. */
export const UNOBSERVED: ShipmentChanges = { committed: async () => {} };
