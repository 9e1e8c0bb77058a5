-- AlterTable
ALTER TABLE "Carton" ADD COLUMN     "signedBy" TEXT;

