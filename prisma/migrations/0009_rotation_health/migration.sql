-- Rotation tracking and secret health (docs/rotation.md): workspace settings, the per-configuration poll lease, and the metadata the poll keeps per referenced secret. ADD COLUMN / CREATE TABLE only (no table rebuild).
-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "rotationPollSeconds" INTEGER NOT NULL DEFAULT 60;
ALTER TABLE "Workspace" ADD COLUMN "expiryWarnDays" INTEGER NOT NULL DEFAULT 14;
ALTER TABLE "Workspace" ADD COLUMN "rotationStaleDays" INTEGER NOT NULL DEFAULT 90;

-- CreateTable
CREATE TABLE "RotationPoll" (
    "providerConfigId" INTEGER NOT NULL PRIMARY KEY,
    "workspaceId" INTEGER NOT NULL,
    "nextPollAt" DATETIME NOT NULL,
    "holder" TEXT,
    "lastPolledAt" DATETIME,
    "trackingError" TEXT,
    "lastCalls" TEXT,
    "strategy" TEXT,
    CONSTRAINT "RotationPoll_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RotationPoll_workspaceId_idx" ON "RotationPoll"("workspaceId");

-- CreateTable
CREATE TABLE "SecretHealth" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "providerConfigId" INTEGER NOT NULL,
    "secretKey" TEXT NOT NULL,
    "secretId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "metadata" TEXT,
    "error" TEXT,
    "pendingSince" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SecretHealth_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SecretHealth_providerConfigId_secretKey_key" ON "SecretHealth"("providerConfigId", "secretKey");

-- CreateIndex
CREATE INDEX "SecretHealth_workspaceId_idx" ON "SecretHealth"("workspaceId");
