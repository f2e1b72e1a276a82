// GET /api/v1/workspaces/{w}/jobs/{jobId} — a bulk job's progress for the console (session auth, workspace admins):
// counts and the result table (docs/scopes.md "Progress for long work"). Reading it also resumes a running job
// whose instance is gone, so a restart or a dead instance never leaves a job stuck at "running".
import { bulkJobParamsSchema } from "@/lib/api-contract/bulk-jobs";
import { apiRoute, session } from "@/lib/api/route";
import { requireWorkspace } from "@/lib/auth/authorize";
import { bulkJobActors } from "@/lib/auth/job-actor";
import { getBulkJob } from "@/lib/data/bulk-jobs";
import { resumeOrphanedJobs } from "@/lib/services/jobs/bulk-runner";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: session,
  params: bulkJobParamsSchema,
  notFound: "Unknown job.",
  run: async ({ params: { workspaceId, jobId } }) => {
    const actor = await requireWorkspace(workspaceId, "workspace.admin");
    await resumeOrphanedJobs(actor.workspaceId, { actorsFor: bulkJobActors });
    return Response.json(await getBulkJob(actor, jobId), { headers: { "Cache-Control": "no-store" } });
  },
});
