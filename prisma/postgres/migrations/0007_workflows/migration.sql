-- Workflows (docs/workflows.md): definitions and revisions, workflow secrets and their reverse index, allowed hosts, runs and their trace. Only CREATE TABLE / CREATE INDEX.
-- CreateTable
CREATE TABLE "Workflow" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workflow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workflow_projectId_namespace_name_key" ON "Workflow"("projectId", "namespace", "name");

-- CreateIndex
CREATE INDEX "Workflow_workspaceId_idx" ON "Workflow"("workspaceId");

-- CreateTable
CREATE TABLE "WorkflowRevision" (
    "id" SERIAL NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "secretsRead" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowRevision_workflowId_revision_key" ON "WorkflowRevision"("workflowId", "revision");

-- CreateTable
CREATE TABLE "WorkflowSecret" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "template" TEXT,
    "providerConfigId" INTEGER,
    "wrappedDataKey" BYTEA,
    "ciphertext" BYTEA,
    "iv" BYTEA,
    "tag" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkflowSecret_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowSecret_projectId_name_key" ON "WorkflowSecret"("projectId", "name");

-- CreateIndex
CREATE INDEX "WorkflowSecret_providerConfigId_idx" ON "WorkflowSecret"("providerConfigId");

-- CreateTable
CREATE TABLE "WorkflowSecretUsage" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "workflowSecretId" INTEGER NOT NULL,
    "secretName" TEXT NOT NULL,
    "providerConfigId" INTEGER NOT NULL,
    "secretId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,

    CONSTRAINT "WorkflowSecretUsage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkflowSecretUsage_providerConfigId_secretId_idx" ON "WorkflowSecretUsage"("providerConfigId", "secretId");

-- CreateIndex
CREATE INDEX "WorkflowSecretUsage_workflowSecretId_idx" ON "WorkflowSecretUsage"("workflowSecretId");

-- CreateIndex
CREATE INDEX "WorkflowSecretUsage_workspaceId_idx" ON "WorkflowSecretUsage"("workspaceId");

-- CreateTable
CREATE TABLE "WorkflowAllowedHost" (
    "id" SERIAL NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowAllowedHost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowAllowedHost_workflowId_pattern_key" ON "WorkflowAllowedHost"("workflowId", "pattern");

-- CreateTable
CREATE TABLE "WorkflowRun" (
    "id" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "input" JSONB NOT NULL,
    "output" JSONB,
    "error" JSONB,
    "secretsRead" JSONB NOT NULL DEFAULT '[]',
    "startedById" INTEGER,
    "startedBy" TEXT NOT NULL,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "timeoutMs" INTEGER NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WorkflowRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkflowRun_workflowId_createdAt_idx" ON "WorkflowRun"("workflowId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_status_createdAt_idx" ON "WorkflowRun"("status", "createdAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_projectId_idx" ON "WorkflowRun"("projectId");

-- CreateTable
CREATE TABLE "WorkflowRunEvent" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "task" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER,
    "status" TEXT,
    "error" JSONB,
    "output" JSONB,

    CONSTRAINT "WorkflowRunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowRunEvent_runId_seq_key" ON "WorkflowRunEvent"("runId", "seq");

-- AddForeignKey
ALTER TABLE "Workflow" ADD CONSTRAINT "Workflow_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowRevision" ADD CONSTRAINT "WorkflowRevision_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowSecret" ADD CONSTRAINT "WorkflowSecret_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowSecret" ADD CONSTRAINT "WorkflowSecret_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowSecretUsage" ADD CONSTRAINT "WorkflowSecretUsage_workflowSecretId_fkey" FOREIGN KEY ("workflowSecretId") REFERENCES "WorkflowSecret"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowSecretUsage" ADD CONSTRAINT "WorkflowSecretUsage_providerConfigId_fkey" FOREIGN KEY ("providerConfigId") REFERENCES "SecretsProviderConfig"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowAllowedHost" ADD CONSTRAINT "WorkflowAllowedHost_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowRun" ADD CONSTRAINT "WorkflowRun_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowRunEvent" ADD CONSTRAINT "WorkflowRunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WorkflowRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
