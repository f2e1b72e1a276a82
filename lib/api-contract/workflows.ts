// The workflow run APIs: path parameters, the start body and the run they answer (docs/workflows.md).
import { z } from "zod";
import { apiRunBodySchema } from "@/lib/validations/workflows";
import { dbId } from "./connections";

const segment = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/);

export const workflowParamsSchema = z.object({
  projectId: dbId.describe("The project's id."),
  namespace: segment.describe("The workflow's namespace (document.namespace)."),
  name: segment.describe("The workflow's name (document.name)."),
});
export const runParamsSchema = workflowParamsSchema.extend({ runId: z.string().uuid().describe("The run's id.") });

export const startRunBodySchema = apiRunBodySchema.optional();

const runStatus = z.enum(["pending", "running", "completed", "faulted", "cancelled"]);

export const runAcceptedSchema = z.object({
  id: z.string(),
  status: z.literal("pending"),
  revision: z.number().int().describe("The definition revision the run uses."),
  location: z.string().describe("Where to poll the run (also in the Location header)."),
});

export const runSchema = z.object({
  id: z.string(),
  workflow: z.string().describe("namespace/name"),
  revision: z.number().int(),
  status: runStatus,
  startedBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  output: z.unknown().describe("The workflow's output (secrets scrubbed); null until it completes."),
  error: z.unknown().describe("The Serverless Workflow error of a faulted run, else null."),
  secretsRead: z
    .array(z.object({ name: z.string(), references: z.array(z.string()) }))
    .nullable()
    .describe("The workflow secrets the run read: names and references, never values."),
  trace: z.array(
    z.object({
      task: z.string(),
      kind: z.string(),
      at: z.string(),
      durationMs: z.number().nullable(),
      status: z.string().nullable(),
      error: z.unknown(),
      output: z.unknown(),
    }),
  ),
});
export type RunJson = z.input<typeof runSchema>;
