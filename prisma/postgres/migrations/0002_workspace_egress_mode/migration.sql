-- The workspace egress mode (docs/egress.md). The column is what `prisma migrate diff` produces for the new
-- field, written as a plain ADD COLUMN (the SQLite diff rebuilds the table, whose DROP would cascade to the
-- projects). Existing workspaces get "public+private": before the mode existed, private ranges were reachable,
-- and an upgrade must not break their connection tests. New workspaces start with the default, public only.

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "egressMode" TEXT NOT NULL DEFAULT 'public';

UPDATE "Workspace" SET "egressMode" = 'public+private';
