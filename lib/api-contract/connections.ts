// The connection test and refresh APIs: path parameters and the test report they answer (docs/api.md).
import { z } from "zod";
import { CREDENTIAL_FIELDS } from "@/lib/connections/types";
import type { ConnectionTestReport } from "@/lib/views/connections";

export const dbId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export const connectionParamsSchema = z.object({ connectionId: dbId.describe("The connection's id.") });

export const secretsErrorSchema = z.object({
  code: z.string(),
  category: z.enum(["authorization", "authentication", "unavailable", "configuration", "invalid_request"]),
  message: z.string(),
  fix: z.string().describe("What the admin should change."),
  command: z.string().optional(),
  snippet: z.string().optional(),
  retryable: z.boolean().optional(),
  permission: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
  reference: z.string().optional(),
  retryAfterMs: z.number().optional(),
});

export const referenceReportSchema = z.object({
  field: z.enum(CREDENTIAL_FIELDS),
  reference: z.string(),
  ok: z.boolean(),
  source: z
    .enum(["cache", "provider", "stale"])
    .optional()
    .describe("cache: served from memory; provider: fetched now; stale: last good value during an outage."),
  ms: z.number(),
  error: secretsErrorSchema.optional(),
});

export const connectionTestReportSchema = z.object({
  ok: z.boolean().describe("Whether the target accepted the credentials."),
  degraded: z.boolean(),
  references: z.array(referenceReportSchema),
  target: z
    .object({ ok: z.boolean(), ms: z.number(), message: z.string() })
    .nullable()
    .describe("Null when the references did not resolve, so no connection was attempted."),
  totalMs: z.number(),
  testedAt: z.string().describe("ISO 8601 time of the test."),
});

// The report type the services produce must stay assignable to the documented shape.
export type ConnectionTestReportJson = z.input<typeof connectionTestReportSchema>;
const _reportMatches = (r: ConnectionTestReport): ConnectionTestReportJson => r;
void _reportMatches;
