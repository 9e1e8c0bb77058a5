-- Indexes in the exact order the hot reads use, so PostgreSQL walks an index and stops at the page or
-- at `last: N` instead of building and sorting everything: shipments newest first by (createdAt DESC,
-- id DESC); tracking events chronologically by (eventRecordedAt, dedupeKey), per carton and per shipment.
-- DropIndex
DROP INDEX "Shipment_tenantId_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "Shipment_tenantId_createdAt_id_idx" ON "Shipment"("tenantId", "createdAt" DESC, "id" DESC);

-- DropIndex
DROP INDEX "TrackingEvent_cartonId_eventRecordedAt_idx";

-- DropIndex
DROP INDEX "TrackingEvent_shipmentId_eventRecordedAt_idx";

-- CreateIndex
CREATE INDEX "TrackingEvent_cartonId_eventRecordedAt_dedupeKey_idx" ON "TrackingEvent"("cartonId", "eventRecordedAt", "dedupeKey");

-- CreateIndex
CREATE INDEX "TrackingEvent_shipmentId_eventRecordedAt_dedupeKey_idx" ON "TrackingEvent"("shipmentId", "eventRecordedAt", "dedupeKey");

