// Connection forms: address settings are literals (a reference there is refused), credential fields are
// literal-or-template and arrive as `cred:<name>` with `cred:<name>:mode` = keep | set | clear.
import { z } from "zod";
import { fieldErrorsOf } from "./field-errors";
import { CONNECTION_TYPES, CREDENTIAL_FIELDS, credentialFieldsFor, type ConnectionType, type CredentialFieldName } from "@/lib/connections/types";
import type { CredentialChange } from "@/lib/views/connections";
import { hasReference } from "@/lib/secrets/references";
import { headerNameProblem, testPathProblem, urlCredentialsProblem } from "@/lib/connections/request-target";

const literalOnly = (label: string) => `${label} takes a literal only: secret references belong in credential fields.`;
const literal = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}.`)
    .max(max)
    .refine((v) => !hasReference(v), { message: literalOnly(label) });

const hostname = literal("Host", 253).refine((v) => /^[A-Za-z0-9.\-:[\]]+$/.test(v), "Enter a host name or IP address, without a scheme or port.");
const httpUrl = (label: string, protocols: RegExp) =>
  literal(label, 2000)
    .refine((v) => {
      try {
        return protocols.test(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `Enter a full URL such as https://api.example.com.`)
    .refine((v) => {
      try {
        return urlCredentialsProblem(new URL(v)) === null;
      } catch {
        return true; // reported by the check above
      }
    }, "Remove the user:password@ part: credentials belong in the credential fields.");

const postgresSettingsSchema = z.object({
  host: hostname,
  port: z.coerce.number().int().min(1).max(65535, "Use a port from 1 to 65535."),
  database: literal("Database", 63),
  sslMode: z.enum(["disable", "require", "verify-full"]),
});

const httpSettingsSchema = z
  .object({
    baseUrl: httpUrl("Base URL", /^https?:$/),
    authKind: z.enum(["none", "bearer", "basic", "header"]),
    headerName: z.string().trim().max(100).optional(),
    testPath: z
      .string()
      .trim()
      .max(500)
      .default("/")
      .superRefine((v, ctx) => {
        const problem = testPathProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  })
  .refine((v) => v.authKind !== "header" || /^[A-Za-z0-9-]{1,100}$/.test(v.headerName ?? ""), {
    path: ["headerName"],
    message: "Enter a header name like X-Api-Key.",
  })
  .superRefine((v, ctx) => {
    const problem = v.authKind === "header" && v.headerName ? headerNameProblem(v.headerName) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["headerName"], message: problem });
  });

const httpsCertSettingsSchema = z.object({ url: httpUrl("URL", /^https:$/) });

const SETTINGS_SCHEMAS = { postgres: postgresSettingsSchema, http: httpSettingsSchema, https_cert: httpsCertSettingsSchema } as const;

const baseSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  type: z.enum(CONNECTION_TYPES),
});

/** A form that only names a stored connection (delete, test). */
export const connectionIdSchema = z.object({
  connectionId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/**
 * "Connection type": Cloud, or an on-prem group (docs/agent.md), optionally with a connection profile name that
 * the group's agents advertise. Part of the destination (lib/connections/destination.ts).
 */
const connectionTypeSchema = z.object({
  connectionType: z
    .string()
    .trim()
    .regex(/^(cloud|\d{1,10})$/, "Choose Cloud or an on-prem group.")
    .default("cloud"),
  profile: z
    .string()
    .trim()
    .max(100)
    .regex(/^[A-Za-z0-9_.-]*$/, "Profile names use letters, digits, '.', '_' and '-'.")
    .default(""),
});

export type ParsedConnection =
  | {
      success: true;
      data: { name: string; type: ConnectionType; settings: Record<string, unknown>; credentials: Partial<Record<CredentialFieldName, CredentialChange>> };
    }
  | { success: false; fieldErrors: Record<string, string[]> };

/**
 * Parses a connection form. `existing` lists the fields already stored, so "keep" is only accepted for
 * those, and a required field that is neither stored nor given is an error.
 */
export function parseConnectionForm(form: Record<string, unknown>, existing: ReadonlySet<string> = new Set()): ParsedConnection {
  const fieldErrors: Record<string, string[]> = {};
  const base = baseSchema.safeParse(form);
  if (!base.success) return { success: false, fieldErrors: fieldErrorsOf(base.error) as Record<string, string[]> };
  const via = connectionTypeSchema.safeParse(form);
  if (!via.success) return { success: false, fieldErrors: fieldErrorsOf(via.error) as Record<string, string[]> };
  const groupId = via.data.connectionType === "cloud" ? null : Number(via.data.connectionType);
  if (groupId !== null && via.data.profile) {
    // A connection profile: address and credentials live in the agent's config, so none is stored here.
    const cleared = Object.fromEntries([...existing].map((n) => [n, { mode: "clear" as const }]));
    return {
      success: true,
      data: { name: base.data.name, type: base.data.type, settings: { onPremGroupId: groupId, profile: via.data.profile }, credentials: cleared },
    };
  }
  const settings = (SETTINGS_SCHEMAS[base.data.type] as z.ZodType<Record<string, unknown>>).safeParse(form);
  if (!settings.success) Object.assign(fieldErrors, fieldErrorsOf(settings.error));
  const settingsData = (settings.success ? settings.data : {}) as Record<string, unknown>;
  const credentials: Partial<Record<CredentialFieldName, CredentialChange>> = {};
  // Which fields apply follows the auth kind the admin chose, even while other settings are invalid.
  const wanted = credentialFieldsFor(base.data.type, settings.success ? settingsData : form);
  const used = new Set(wanted.map((f) => f.name));
  for (const { name, optional } of wanted) {
    const mode = String(form[`cred:${name}:mode`] ?? (existing.has(name) ? "keep" : "set"));
    const value = typeof form[`cred:${name}`] === "string" ? (form[`cred:${name}`] as string) : "";
    if (mode === "keep" && existing.has(name)) credentials[name] = { mode: "keep" };
    else if (mode === "clear" || (mode === "set" && value.trim() === "" && optional))
      credentials[name] = existing.has(name) ? { mode: "clear" } : { mode: "keep" };
    else if (value.trim() === "") fieldErrors[name] = ["Enter a value or a secret reference."];
    else if (value.length > 20_000) fieldErrors[name] = ["Use at most 20,000 characters."];
    else credentials[name] = { mode: "set", value };
  }
  // Fields the type no longer uses (the auth kind changed) are cleared, so no orphaned credential stays behind.
  for (const name of CREDENTIAL_FIELDS) if (!used.has(name) && existing.has(name)) credentials[name] = { mode: "clear" };
  if (Object.keys(fieldErrors).length > 0) return { success: false, fieldErrors };
  const withVia = groupId === null ? settingsData : { ...settingsData, onPremGroupId: groupId };
  return { success: true, data: { name: base.data.name, type: base.data.type, settings: withVia, credentials } };
}
