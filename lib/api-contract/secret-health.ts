// GET /api/v1/workspaces/{id}/secrets/health: every referenced secret with its provider status, dates and flags
// (docs/rotation.md "Secret health"). Metadata only, never a value.
import { z } from "zod";
import { dbId } from "./connections";

export const secretHealthQuerySchema = z.object({
  configId: dbId.optional().describe("Only this provider configuration's secrets."),
});

const flagSchema = z.looseObject({ kind: z.string().describe("e.g. expires_soon, rotation_stale, rotation_failing, deletion_scheduled, missing") });

export const secretHealthSchema = z.object({
  generatedAt: z.string(),
  thresholds: z.object({ expiryWarnDays: z.number(), rotationStaleDays: z.number(), rotationWindowMs: z.number().optional(), pollSeconds: z.number() }),
  configs: z.array(z.looseObject({ configId: z.number().int(), kind: z.string(), projectId: z.number().int().nullable() })),
  rows: z.array(
    z.object({
      configId: z.number().int(),
      kind: z.string(),
      secretId: z.string(),
      reference: z.string(),
      status: z.enum(["exists", "missing", "disabled", "deletion_scheduled", "destroyed", "unknown"]),
      metadata: z.looseObject({}).optional().describe("Version, dates and states as the provider reports them."),
      flags: z.array(flagSchema),
      error: z.string().optional(),
      checkedAt: z.string().optional(),
      users: z.array(
        z.object({
          projectId: z.number().int(),
          connectionId: z.number().int().describe("0 for a workflow secret."),
          connectionName: z.string(),
          field: z.string(),
          workflowSecret: z.string().optional(),
        }),
      ),
    }),
  ),
});
