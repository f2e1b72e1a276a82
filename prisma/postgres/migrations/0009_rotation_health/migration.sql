-- Rotation tracking and secret health (docs/rotation.md): workspace settings, the per-configuration poll lease, and the metadata the poll keeps per referenced secret. ADD COLUMN / CREATE TABLE only (no table rebuild).
-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "rotationPollSeconds" INTEGER NOT NULL DEFAULT 60;
ALTER TABLE "Workspace" ADD COLUMN "expiryWarnDays" INTEGER NOT NULL DEFAULT 14;
ALTER TABLE "Workspace" ADD COLUMN "rotationStaleDays" INTEGER NOT NULL DEFAULT 90;

-- CreateTable
CREATE TABLE "RotationPoll" (
    "providerConfigId" INTEGER NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "nextPollAt" TIMESTAMP(3) NOT NULL,
    "holder" TEXT,
    "lastPolledAt" TIMESTAMP(3),
    "trackingError" TEXT,
    "lastCalls" TEXT,
    "strategy" TEXT,
    CONSTRAINT "RotationPoll_pkey" PRIMARY KEY ("providerConfigId")
);

-- CreateIndex
CREATE INDEX "RotationPoll_workspaceId_idx" ON "RotationPoll"("workspaceId");

-- CreateTable
CREATE TABLE "SecretHealth" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "providerConfigId" INTEGER NOT NULL,
    "secretKey" TEXT NOT NULL,
    "secretId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "metadata" TEXT,
    "error" TEXT,
    "pendingSince" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SecretHealth_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SecretHealth_providerConfigId_secretKey_key" ON "SecretHealth"("providerConfigId", "secretKey");

-- CreateIndex
CREATE INDEX "SecretHealth_workspaceId_idx" ON "SecretHealth"("workspaceId");

-- AddForeignKey
ALTER TABLE "RotationPoll" ADD CONSTRAINT "RotationPoll_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecretHealth" ADD CONSTRAINT "SecretHealth_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig"("id") ON DELETE CASCADE ON UPDATE CASCADE;
