-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CredentialKind" AS ENUM ('BASIC', 'BEARER');

-- CreateEnum
CREATE TYPE "StatusCode" AS ENUM ('SHIPMENT_CREATED', 'SHIPMENT_UPDATED', 'SHIPMENT_CANCELLED', 'PICKUP_CREATED', 'PICKUP_COMPLETED', 'SHIPMENT_DELIVERED', 'SHIPMENT_RETURN_PENDING', 'SHIPMENT_RETURN_RECEIVED', 'SHIPMENT_PARTIALLY_DELIVERED');

-- CreateEnum
CREATE TYPE "ShipmentType" AS ENUM ('STANDARD', 'RESHIP', 'RETURN', 'SCRATCH', 'PENDING_RETURN', 'PICKUP', 'TRANSFER');

-- CreateEnum
CREATE TYPE "FulfillmentMethod" AS ENUM ('SHIPPING_PROVIDER', 'SELF_DELIVERY', 'CUSTOMER_PICKUP', 'SERVICES_ONLY');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('VERIFIED', 'PENDING');

-- CreateEnum
CREATE TYPE "TrackingStatus" AS ENUM ('PENDING', 'INFO_RECEIVED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP', 'ATTEMPT_FAIL', 'DELIVERED', 'EXCEPTION', 'RETURNING', 'RETURNED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "TrackingSource" AS ENUM ('PUSH', 'SYNC', 'POLL');

-- CreateEnum
CREATE TYPE "FeeType" AS ENUM ('TAX', 'DISCOUNT', 'FEE', 'ITEM', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "GiftCardStatus" AS ENUM ('PENDING_ACTIVATION', 'ACTIVE', 'FAILED');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiCredential" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "CredentialKind" NOT NULL,
    "keyId" TEXT,
    "lookupDigest" TEXT,
    "secretHash" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channelId" INTEGER NOT NULL DEFAULT 12,
    "version" INTEGER NOT NULL DEFAULT 1,
    "shipmentId" TEXT,
    "shipmentNumber" TEXT,
    "shipmentExternalId" TEXT,
    "allocationId" TEXT,
    "invoiceId" TEXT,
    "locationNumber" TEXT,
    "locationType" TEXT,
    "masterTrackingNumber" TEXT,
    "orderNumbers" TEXT[],
    "poNumber" TEXT,
    "reshipmentReasonCode" TEXT,
    "shipToId" TEXT,
    "shippedAt" TIMESTAMPTZ(3),
    "statusCode" "StatusCode" NOT NULL DEFAULT 'SHIPMENT_CREATED',
    "subtype" TEXT,
    "totalCartons" INTEGER,
    "type" "ShipmentType" NOT NULL DEFAULT 'STANDARD',
    "vendorId" TEXT,
    "merchantInvoiceId" TEXT,
    "fulfillmentMethod" "FulfillmentMethod" NOT NULL DEFAULT 'SHIPPING_PROVIDER',
    "shipmentTrackingNumber" TEXT,
    "shipmentCourier" TEXT,
    "verificationStatus" "VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "trackingStatus" "TrackingStatus",
    "trackingSubstatus" TEXT,
    "expectedDelivery" TIMESTAMPTZ(3),
    "lastTrackedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Carton" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "cartonNumber" TEXT,
    "cartonType" TEXT,
    "estimatedDeliveryDate" TIMESTAMPTZ(3),
    "estimatedShipmentDate" TIMESTAMPTZ(3),
    "promisedDeliveryDate" TIMESTAMPTZ(3),
    "shipmentCarrier" TEXT,
    "shipmentMethod" TEXT,
    "trackingNumber" TEXT,
    "trackingURL" TEXT,
    "weight" TEXT,
    "trackingStatus" "TrackingStatus",
    "trackingSubstatus" TEXT,

    CONSTRAINT "Carton_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" TEXT NOT NULL,
    "cartonId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "itemId" INTEGER,
    "lineItemId" TEXT,
    "orderId" TEXT,
    "orderNumber" TEXT,
    "orderedQuantity" INTEGER,
    "refundAmount" DECIMAL(19,4),
    "returnQuantity" INTEGER,
    "segment" TEXT,
    "shipmentLineItemId" TEXT,
    "shippedQuantity" INTEGER,
    "sku" TEXT,
    "uom" TEXT,
    "vendorId" TEXT,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fee" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "amount" DECIMAL(19,4),
    "name" TEXT,
    "reason" TEXT,
    "type" "FeeType",

    CONSTRAINT "Fee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GiftCard" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "amount" DECIMAL(19,4),
    "giftCardActivatedAt" TIMESTAMPTZ(3),
    "giftCardActivationRequestedAt" TIMESTAMPTZ(3),
    "giftCardNumber" TEXT,
    "giftCardStatus" "GiftCardStatus",

    CONSTRAINT "GiftCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AmountInCurrency" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "group" TEXT,
    "amount" DECIMAL(19,4) NOT NULL,
    "feeId" TEXT,
    "giftCardId" TEXT,
    "refundItemId" TEXT,

    CONSTRAINT "AmountInCurrency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recipient" (
    "id" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "middleName" TEXT,
    "lastName" TEXT,
    "phoneNumber" TEXT,
    "phoneType" TEXT,

    CONSTRAINT "Recipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShipToAddress" (
    "shipmentId" TEXT NOT NULL,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "addressLine3" TEXT,
    "addressLine4" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "countryCode" TEXT,
    "latitude" DECIMAL(9,6),
    "longitude" DECIMAL(9,6),
    "type" TEXT,
    "email" TEXT,
    "firstName" TEXT,
    "middleName" TEXT,
    "lastName" TEXT,
    "phoneNumber" TEXT,
    "phoneType" TEXT,

    CONSTRAINT "ShipToAddress_pkey" PRIMARY KEY ("shipmentId")
);

-- CreateTable
CREATE TABLE "ScratchedItem" (
    "id" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "reasonCode" TEXT,
    "subReasonCode" TEXT,
    "itemId" INTEGER,
    "lineItemId" TEXT,
    "orderId" TEXT,
    "quantity" INTEGER,
    "sku" TEXT,
    "uom" TEXT,

    CONSTRAINT "ScratchedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "auditId" TEXT NOT NULL,
    "auditType" TEXT NOT NULL,
    "auditedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "employeeId" TEXT,
    "lineItemId" TEXT,
    "note" TEXT,
    "reasonCode" TEXT,
    "source" TEXT,
    "subReasonCode" TEXT,
    "updatedFields" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER,
    "trackingSource" "TrackingSource",
    "previousStatusCode" "StatusCode",
    "statusCode" "StatusCode",

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackingEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "cartonId" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "eventId" TEXT,
    "event" TEXT NOT NULL,
    "eventRecordedAt" TIMESTAMPTZ(3) NOT NULL,
    "localTime" TEXT,
    "location" TEXT,
    "notesDescription" TEXT,
    "shipmentCarrier" TEXT,
    "carrierStatusCode" TEXT,
    "status" "TrackingStatus" NOT NULL,
    "substatus" TEXT NOT NULL,
    "source" "TrackingSource" NOT NULL DEFAULT 'PUSH',
    "shipmentVersion" INTEGER NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiCredential_keyId_key" ON "ApiCredential"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiCredential_lookupDigest_key" ON "ApiCredential"("lookupDigest");

-- CreateIndex
CREATE INDEX "ApiCredential_tenantId_idx" ON "ApiCredential"("tenantId");

-- CreateIndex
CREATE INDEX "Shipment_tenantId_createdAt_id_idx" ON "Shipment"("tenantId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Shipment_tenantId_shipmentTrackingNumber_idx" ON "Shipment"("tenantId", "shipmentTrackingNumber");

-- CreateIndex
CREATE INDEX "Shipment_tenantId_updatedAt_idx" ON "Shipment"("tenantId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_tenantId_shipmentNumber_key" ON "Shipment"("tenantId", "shipmentNumber");

-- CreateIndex
CREATE INDEX "Carton_shipmentId_position_idx" ON "Carton"("shipmentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Carton_tenantId_trackingNumber_key" ON "Carton"("tenantId", "trackingNumber");

-- CreateIndex
CREATE INDEX "Item_cartonId_position_idx" ON "Item"("cartonId", "position");

-- CreateIndex
CREATE INDEX "Fee_itemId_position_idx" ON "Fee"("itemId", "position");

-- CreateIndex
CREATE INDEX "GiftCard_itemId_position_idx" ON "GiftCard"("itemId", "position");

-- CreateIndex
CREATE INDEX "AmountInCurrency_feeId_idx" ON "AmountInCurrency"("feeId");

-- CreateIndex
CREATE INDEX "AmountInCurrency_giftCardId_idx" ON "AmountInCurrency"("giftCardId");

-- CreateIndex
CREATE INDEX "AmountInCurrency_refundItemId_idx" ON "AmountInCurrency"("refundItemId");

-- CreateIndex
CREATE INDEX "Recipient_shipmentId_position_idx" ON "Recipient"("shipmentId", "position");

-- CreateIndex
CREATE INDEX "ScratchedItem_shipmentId_position_idx" ON "ScratchedItem"("shipmentId", "position");

-- CreateIndex
CREATE INDEX "AuditLog_shipmentId_auditedAt_idx" ON "AuditLog"("shipmentId", "auditedAt");

-- CreateIndex
CREATE INDEX "AuditLog_shipmentId_version_idx" ON "AuditLog"("shipmentId", "version");

-- CreateIndex
CREATE INDEX "TrackingEvent_cartonId_eventRecordedAt_idx" ON "TrackingEvent"("cartonId", "eventRecordedAt");

-- CreateIndex
CREATE INDEX "TrackingEvent_shipmentId_eventRecordedAt_idx" ON "TrackingEvent"("shipmentId", "eventRecordedAt");

-- CreateIndex
CREATE INDEX "TrackingEvent_shipmentId_shipmentVersion_idx" ON "TrackingEvent"("shipmentId", "shipmentVersion");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingEvent_tenantId_carrier_dedupeKey_key" ON "TrackingEvent"("tenantId", "carrier", "dedupeKey");

-- AddForeignKey
ALTER TABLE "ApiCredential" ADD CONSTRAINT "ApiCredential_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Carton" ADD CONSTRAINT "Carton_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_cartonId_fkey" FOREIGN KEY ("cartonId") REFERENCES "Carton"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fee" ADD CONSTRAINT "Fee_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GiftCard" ADD CONSTRAINT "GiftCard_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmountInCurrency" ADD CONSTRAINT "AmountInCurrency_feeId_fkey" FOREIGN KEY ("feeId") REFERENCES "Fee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmountInCurrency" ADD CONSTRAINT "AmountInCurrency_giftCardId_fkey" FOREIGN KEY ("giftCardId") REFERENCES "GiftCard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmountInCurrency" ADD CONSTRAINT "AmountInCurrency_refundItemId_fkey" FOREIGN KEY ("refundItemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recipient" ADD CONSTRAINT "Recipient_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipToAddress" ADD CONSTRAINT "ShipToAddress_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScratchedItem" ADD CONSTRAINT "ScratchedItem_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingEvent" ADD CONSTRAINT "TrackingEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingEvent" ADD CONSTRAINT "TrackingEvent_cartonId_fkey" FOREIGN KEY ("cartonId") REFERENCES "Carton"("id") ON DELETE CASCADE ON UPDATE CASCADE;

