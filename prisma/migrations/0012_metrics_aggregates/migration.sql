-- Per-minute metric aggregates for the Operations page (docs/operations.md): one row per minute, instance,
-- workspace (0 = instance-wide) and series; instances add their own counts, pages sum them.

-- CreateTable
CREATE TABLE "MetricMinute" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "minute" DATETIME NOT NULL,
    "instance" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "series" TEXT NOT NULL,
    "count" REAL NOT NULL,
    "sum" REAL NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "MetricMinute_minute_instance_workspaceId_series_key" ON "MetricMinute"("minute", "instance", "workspaceId", "series");

-- CreateIndex
CREATE INDEX "MetricMinute_workspaceId_minute_idx" ON "MetricMinute"("workspaceId", "minute");

-- CreateIndex
CREATE INDEX "MetricMinute_minute_idx" ON "MetricMinute"("minute");
