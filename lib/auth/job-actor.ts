import "server-only";
// A bulk job runs as the admin who started it (docs/scopes.md "Progress for long work"), on whichever instance
// holds it, long after their request ended. Their right is re-read from the database before each run, so a job
// started by someone who has since lost the admin role stops instead of acting for them.
import { findWorkspaceRole } from "@/lib/data/access";
import type { BulkJobForRun } from "@/lib/data/bulk-jobs";
import { mintActor, type ProjectActor, type WorkspaceActor } from "./actor";
import { isWorkspaceAdmin } from "./roles";

export interface JobActors {
  workspace: WorkspaceActor;
  /** Workspace admins hold every project capability (docs/roles.md). */
  project: (projectId: number) => ProjectActor;
}

export async function bulkJobActors(job: BulkJobForRun): Promise<JobActors | null> {
  if (job.createdById === null) return null;
  const role = await findWorkspaceRole(job.createdById, job.workspaceId);
  if (role === null || !isWorkspaceAdmin(role)) return null;
  const base = { userId: job.createdById, email: job.createdBy, workspaceId: job.workspaceId, workspaceRole: role };
  return {
    workspace: mintActor.workspace(base),
    project: (projectId) => mintActor.project({ ...base, projectId, projectRole: null }),
  };
}
