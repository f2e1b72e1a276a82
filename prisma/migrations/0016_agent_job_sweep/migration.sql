-- Agent jobs are swept once past their deadline (docs/agent.md "Job retention"): what they carried is wiped, and
-- after a day the row goes. Only CREATE INDEX.
-- CreateIndex
CREATE INDEX "AgentJob_deadlineAt_idx" ON "AgentJob"("deadlineAt");
