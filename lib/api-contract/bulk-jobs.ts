// GET /api/v1/workspaces/{id}/jobs/{jobId}: a bulk job's progress (docs/scopes.md "Progress for long work").
import { z } from "zod";
import { dbId } from "./connections";

export const bulkJobParamsSchema = z.object({ workspaceId: dbId.describe("The workspace's id."), jobId: dbId.describe("The job's id.") });

export const bulkJobSchema = z.object({
  id: z.number().int(),
  kind: z.enum(["retest", "repoint"]),
  status: z.enum(["running", "completed", "cancelled", "failed"]),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  remaining: z.number().int().describe("total − done − failed: still to run, or not run after a cancel."),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.number().int(),
      label: z.string(),
      fieldName: z.string().nullable(),
      status: z.string(),
      summary: z.string().nullable(),
      ms: z.number().nullable(),
    }),
  ),
});
