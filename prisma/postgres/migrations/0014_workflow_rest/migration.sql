-- Workflow secrets bound to the destinations they were entered for, host proposals by editors, run paging.

-- CreateTable
CREATE TABLE "WorkflowSecretBinding" (
    "id" SERIAL NOT NULL,
    "workflowSecretId" INTEGER NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,
    "how" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowSecretBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowHostProposal" (
    "id" SERIAL NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "proposedById" INTEGER,
    "proposedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowHostProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowSecretBinding_workflowSecretId_workflowId_pattern_key" ON "WorkflowSecretBinding"("workflowSecretId", "workflowId", "pattern");
CREATE INDEX "WorkflowSecretBinding_workflowId_idx" ON "WorkflowSecretBinding"("workflowId");
CREATE UNIQUE INDEX "WorkflowHostProposal_workflowId_pattern_key" ON "WorkflowHostProposal"("workflowId", "pattern");
CREATE INDEX "WorkflowRun_projectId_createdAt_idx" ON "WorkflowRun"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "WorkflowSecretBinding" ADD CONSTRAINT "WorkflowSecretBinding_workflowSecretId_fkey" FOREIGN KEY ("workflowSecretId") REFERENCES "WorkflowSecret"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkflowSecretBinding" ADD CONSTRAINT "WorkflowSecretBinding_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkflowHostProposal" ADD CONSTRAINT "WorkflowHostProposal_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Before this migration every workflow secret of a project could go to every allowed host of every workflow of
-- that project: existing installations keep exactly that reach (marked "migrated"), new mappings are narrower.
INSERT INTO "WorkflowSecretBinding" ("workflowSecretId", "workflowId", "pattern", "how")
SELECT s."id", h."workflowId", h."pattern", 'migrated'
FROM "WorkflowSecret" s
JOIN "Workflow" w ON w."projectId" = s."projectId"
JOIN "WorkflowAllowedHost" h ON h."workflowId" = w."id";
