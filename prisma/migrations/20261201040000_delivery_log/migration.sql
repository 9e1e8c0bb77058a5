-- CreateTable
CREATE TABLE "TrackingSequence" (
    "tenantId" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TrackingSequence_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "TrackingUpdateLog" (
    "tenantId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" "TrackingSource" NOT NULL,
    "previousStatus" "TrackingStatus",
    "status" "TrackingStatus",
    "eventIds" TEXT[],
    "trackingNumbers" TEXT[],
    "committedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TrackingUpdateLog_pkey" PRIMARY KEY ("tenantId","sequence")
);

-- CreateTable
CREATE TABLE "IdempotentRequest" (
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "response" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotentRequest_pkey" PRIMARY KEY ("tenantId","key")
);

-- CreateIndex
CREATE INDEX "TrackingUpdateLog_tenantId_shipmentId_version_idx" ON "TrackingUpdateLog"("tenantId", "shipmentId", "version");

-- CreateIndex
CREATE INDEX "TrackingUpdateLog_publishedAt_idx" ON "TrackingUpdateLog"("publishedAt");

-- CreateIndex
CREATE INDEX "IdempotentRequest_createdAt_idx" ON "IdempotentRequest"("createdAt");


-- Backfill: tracking changes committed before the log existed become its first entries, numbered in
-- the order they were audited and already published, so resuming subscribers can replay them.
INSERT INTO "TrackingUpdateLog" ("tenantId", "sequence", "shipmentId", "version", "source", "previousStatus", "status",
    "eventIds", "trackingNumbers", "committedAt", "publishedAt")
SELECT s."tenantId",
       row_number() OVER (PARTITION BY s."tenantId" ORDER BY a."auditedAt", a."version", a."id"),
       a."shipmentId", a."version", a."trackingSource", a."previousTrackingStatus", a."trackingStatus",
       COALESCE((SELECT array_agg(e."id" ORDER BY e."eventRecordedAt", e."dedupeKey" COLLATE "C") FROM "TrackingEvent" e
                 WHERE e."shipmentId" = a."shipmentId" AND e."shipmentVersion" = a."version"), '{}'),
       COALESCE((SELECT array_agg(DISTINCT c."trackingNumber") FROM "TrackingEvent" e JOIN "Carton" c ON c."id" = e."cartonId"
                 WHERE e."shipmentId" = a."shipmentId" AND e."shipmentVersion" = a."version" AND c."trackingNumber" IS NOT NULL), '{}'),
       a."auditedAt", a."auditedAt"
FROM "AuditLog" a JOIN "Shipment" s ON s."id" = a."shipmentId"
WHERE a."trackingSource" IS NOT NULL AND a."version" IS NOT NULL;

INSERT INTO "TrackingSequence" ("tenantId", "last")
SELECT "tenantId", max("sequence") FROM "TrackingUpdateLog" GROUP BY "tenantId";
