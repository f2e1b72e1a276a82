-- Tamper-evident audit (docs/threat-model.md) and known sign-in devices. Written by hand in the shape
-- `prisma migrate diff` produces, with plain ADD COLUMN (no table rebuild).
-- Events written before this migration keep chainSeq/prevHash/hash NULL: SQLite has no SHA-256 in SQL, so the
-- chain starts at the first event appended after the upgrade, and audit:verify reports the older ones as
-- "before the chain" instead of verifying them.

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "chainSeq" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "workspaceId" INTEGER NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "lastHash" TEXT NOT NULL,
    "verifiedAt" DATETIME,
    "verifiedOk" BOOLEAN,
    "verifiedEvents" INTEGER,
    "verifiedMessage" TEXT
);

-- CreateTable
CREATE TABLE "KnownDevice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KnownDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_workspaceId_chainSeq_key" ON "AuditEvent"("workspaceId", "chainSeq");

-- CreateIndex
CREATE UNIQUE INDEX "KnownDevice_tokenHash_key" ON "KnownDevice"("tokenHash");

-- CreateIndex
CREATE INDEX "KnownDevice_userId_idx" ON "KnownDevice"("userId");
