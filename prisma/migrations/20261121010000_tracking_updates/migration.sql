-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "nextTrackAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "previousTrackingStatus" "TrackingStatus",
ADD COLUMN     "trackingStatus" "TrackingStatus";

-- CreateIndex
CREATE INDEX "Shipment_nextTrackAt_idx" ON "Shipment"("nextTrackAt");

