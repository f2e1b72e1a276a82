// Workflow forms and the run API's body (docs/workflows.md). The definition itself is validated by the engine.
import { z } from "zod";

export const WORKFLOW_SECRET_KINDS = ["reference", "json-reference", "literal"] as const;
/** host, host:port or *.suffix; IPv6 in brackets. */
export const ALLOWED_HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/;
const MAX_INPUT = 256 * 1024;

const id = z.coerce.number().int().positive();
/** Changing where secrets can go asks for the password again. */
const currentPassword = z.string().min(1, "Enter your password to confirm this change.").max(1024);

/** Run input: a JSON object (the workflow's `input`), at most 256 KiB. */
export const runInputText = z
  .string()
  .max(MAX_INPUT, "The input is larger than 256 KiB.")
  .transform((text, ctx) => {
    if (text.trim() === "") return {};
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: 'The input is a JSON object, e.g. {} or {"orderId": 42}.' });
    return z.NEVER;
  });

export const saveWorkflowSchema = z.object({
  source: z
    .string()
    .trim()
    .min(1, "Paste or write the workflow definition.")
    .max(512 * 1024),
});

export const startRunSchema = z.object({
  workflowId: id,
  input: runInputText,
  timeoutSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(1800)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const runIdSchema = z.object({ runId: z.string().uuid("Unknown run.") });

export const workflowSecretSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, "A secret name is letters, digits, - and _ (as the definition's use.secrets names it)."),
    kind: z.enum(WORKFLOW_SECRET_KINDS),
    value: z
      .string()
      .min(1, "Enter a reference or a value.")
      .max(64 * 1024),
    currentPassword,
  })
  .refine((v) => v.kind === "literal" || v.value.includes("{{workato:sm:"), {
    message: "Pick a secret with the browser, or choose Encrypted literal.",
    path: ["value"],
  });

export const allowedHostsSchema = z.object({
  workflowId: id,
  currentPassword,
  hosts: z
    .string()
    .max(10_000)
    .transform((t) =>
      t
        .split(/[\s,]+/)
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((list) => list.every((h) => ALLOWED_HOST_PATTERN.test(h)), "One host per line: api.example.com, api.example.com:8443 or *.example.com.")
    .refine((list) => list.length <= 50, "At most 50 hosts."),
});

/** An editor proposes one host for a workflow's allow-list, with a reason for the admin. */
export const proposeHostSchema = z.object({
  workflowId: id,
  pattern: z.string().trim().toLowerCase().regex(ALLOWED_HOST_PATTERN, "One host: api.example.com, api.example.com:8443 or *.example.com."),
  reason: z.string().trim().max(500, "At most 500 characters.").default(""),
});

/** A project admin approves (with their password) or declines a proposed host. */
export const decideHostSchema = z.discriminatedUnion("decision", [
  z.object({ proposalId: id, decision: z.literal("approve"), currentPassword }),
  z.object({ proposalId: id, decision: z.literal("decline") }),
]);

export const deleteWorkflowSchema = z.object({ workflowId: id });

/** The API's POST body: `{ "input": {...}, "timeoutSeconds": 60 }`, both optional. */
export const apiRunBodySchema = z
  .object({
    input: z.record(z.string(), z.unknown()).optional(),
    timeoutSeconds: z.number().int().min(1).max(1800).optional(),
  })
  .strict();
