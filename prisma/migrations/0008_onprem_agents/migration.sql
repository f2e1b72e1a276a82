-- On-prem agents (docs/agent.md): groups, agent keys (hashed), agent sessions and the job table. Only CREATE TABLE / CREATE INDEX.
-- CreateTable
CREATE TABLE "OnPremGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OnPremGroup_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "OnPremGroup_workspaceId_name_key" ON "OnPremGroup"("workspaceId", "name");

-- CreateTable
CREATE TABLE "AgentKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "AgentKey_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "OnPremGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AgentKey_keyHash_key" ON "AgentKey"("keyHash");

-- CreateIndex
CREATE INDEX "AgentKey_groupId_idx" ON "AgentKey"("groupId");

-- CreateTable
CREATE TABLE "AgentSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "keyId" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "profiles" JSONB NOT NULL,
    "connectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disconnectedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "AgentSession_groupId_lastSeenAt_idx" ON "AgentSession"("groupId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "AgentSession_keyId_idx" ON "AgentSession"("keyId");

-- CreateTable
CREATE TABLE "AgentJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "wrappedDataKey" BLOB,
    "ciphertext" BLOB,
    "iv" BLOB,
    "tag" BLOB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "agentId" TEXT,
    "excludedAgents" JSONB NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "deadlineAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" DATETIME,
    "ackedAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "AgentJob_groupId_status_idx" ON "AgentJob"("groupId", "status");
