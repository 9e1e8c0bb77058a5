-- CreateTable
CREATE TABLE "GatewaySecret" (
    "name" TEXT NOT NULL,
    "value" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GatewaySecret_pkey" PRIMARY KEY ("name")
);

