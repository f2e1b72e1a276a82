"use server";
// Long work as jobs (docs/scopes.md "Progress for long work"): each action only writes the job's rows and starts
// it in the background, then returns, so no request waits on a provider or a target past its own deadline.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bulkJobActors } from "@/lib/auth/job-actor";
import { connectionsWithReferences, createBulkJob, requestBulkJobCancel } from "@/lib/data/bulk-jobs";
import { listScopeChangedFields } from "@/lib/data/secrets-scope";
import { startBulkJob } from "@/lib/services/jobs/bulk-runner";
import { workspaceAction } from "./safe-action";

const jobIdSchema = z.object({
  jobId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

export const startRetestJobAction = workspaceAction("workspace.admin", {
  run: async ({ actor }) => {
    const jobId = await createBulkJob(actor, "retest", await connectionsWithReferences(actor));
    startBulkJob(jobId, { actorsFor: bulkJobActors });
    revalidatePath(`/w/${actor.workspaceId}/settings/secrets`);
    return { ok: true, message: "Re-testing in the background: progress below.", data: { jobId } };
  },
});

export const repointReferencesAction = workspaceAction("workspace.admin", {
  run: async ({ actor }) => {
    const fields = await listScopeChangedFields(actor);
    const items = fields.map((f) => ({ projectId: f.projectId, connectionId: f.connectionId, label: f.connectionName, fieldName: f.fieldName }));
    const jobId = await createBulkJob(actor, "repoint", items);
    startBulkJob(jobId, { actorsFor: bulkJobActors });
    revalidatePath(`/w/${actor.workspaceId}/settings/secrets`);
    return { ok: true, message: "Re-pointing in the background: progress below.", data: { jobId } };
  },
});

export const cancelBulkJobAction = workspaceAction("workspace.admin", {
  input: jobIdSchema,
  run: async ({ actor, input }) => {
    await requestBulkJobCancel(actor, input.jobId);
    return { ok: true, message: "Cancelling: items already running finish, the rest are not run." };
  },
});
