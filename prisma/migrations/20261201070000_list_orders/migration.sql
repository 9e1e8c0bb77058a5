-- One index per `shipments` order, of the shape the keyset pages walk: (tenantId, sort column, id).
-- PostgreSQL scans each backwards for DESC, NULLs included (they sort as the largest either way).
-- (tenantId, trackingStatus, id) also serves statusCounts' GROUP BY. A GIN index answers the
-- `orderNumbers @> ARRAY[…]` of the order-number filter.

-- DropIndex
DROP INDEX "Shipment_tenantId_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Shipment_tenantId_updatedAt_id_idx" ON "Shipment"("tenantId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Shipment_tenantId_expectedDelivery_id_idx" ON "Shipment"("tenantId", "expectedDelivery", "id");

-- CreateIndex
CREATE INDEX "Shipment_tenantId_trackingStatus_id_idx" ON "Shipment"("tenantId", "trackingStatus", "id");

-- CreateIndex
CREATE INDEX "Shipment_tenantId_statusCode_id_idx" ON "Shipment"("tenantId", "statusCode", "id");

-- CreateIndex
CREATE INDEX "Shipment_orderNumbers_idx" ON "Shipment" USING GIN ("orderNumbers");

