-- Tamper-evident audit (docs/threat-model.md) and known sign-in devices; the PostgreSQL twin of
-- prisma/migrations/0006_audit_chain. Events written before this migration keep chainSeq/prevHash/hash NULL:
-- the chain starts at the first event appended after the upgrade (same choice on both databases).

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "chainSeq" INTEGER,
ADD COLUMN "prevHash" TEXT,
ADD COLUMN "hash" TEXT;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "workspaceId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "lastHash" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "verifiedOk" BOOLEAN,
    "verifiedEvents" INTEGER,
    "verifiedMessage" TEXT,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "KnownDevice" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnownDevice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_workspaceId_chainSeq_key" ON "AuditEvent"("workspaceId", "chainSeq");

-- CreateIndex
CREATE UNIQUE INDEX "KnownDevice_tokenHash_key" ON "KnownDevice"("tokenHash");

-- CreateIndex
CREATE INDEX "KnownDevice_userId_idx" ON "KnownDevice"("userId");

-- AddForeignKey
ALTER TABLE "KnownDevice" ADD CONSTRAINT "KnownDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
