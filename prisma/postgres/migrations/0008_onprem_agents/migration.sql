-- On-prem agents (docs/agent.md): groups, agent keys (hashed), agent sessions and the job table. Only CREATE TABLE / CREATE INDEX.
-- CreateTable
CREATE TABLE "OnPremGroup" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnPremGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentKey" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AgentKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentSession" (
    "id" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "keyId" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "profiles" JSONB NOT NULL,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disconnectedAt" TIMESTAMP(3),

    CONSTRAINT "AgentSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentJob" (
    "id" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "wrappedDataKey" BYTEA,
    "ciphertext" BYTEA,
    "iv" BYTEA,
    "tag" BYTEA,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "agentId" TEXT,
    "excludedAgents" JSONB NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "deadlineAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" TIMESTAMP(3),
    "ackedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AgentJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OnPremGroup_workspaceId_name_key" ON "OnPremGroup"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AgentKey_keyHash_key" ON "AgentKey"("keyHash");

-- CreateIndex
CREATE INDEX "AgentKey_groupId_idx" ON "AgentKey"("groupId");

-- CreateIndex
CREATE INDEX "AgentSession_groupId_lastSeenAt_idx" ON "AgentSession"("groupId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "AgentSession_keyId_idx" ON "AgentSession"("keyId");

-- CreateIndex
CREATE INDEX "AgentJob_groupId_status_idx" ON "AgentJob"("groupId", "status");

-- AddForeignKey
ALTER TABLE "OnPremGroup" ADD CONSTRAINT "OnPremGroup_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentKey" ADD CONSTRAINT "AgentKey_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "OnPremGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;
