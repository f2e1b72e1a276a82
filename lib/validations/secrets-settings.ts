import { z } from "zod";
import { ALLOW_ENTRY_HELP, parseAllowEntry } from "@/lib/connections/egress/allow-list";
import { EGRESS_MODES } from "@/lib/connections/egress/modes";
import { impactTokenField } from "./impact";

const idField = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export const switchScopeSchema = z.object({
  workspaceId: idField,
  to: z.enum(["workspace", "project"]),
  expectedVersion: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  impactToken: impactTokenField,
});

export const cacheSettingsSchema = z.object({
  workspaceId: idField,
  cacheTtlMinutes: z.coerce
    .number()
    .int()
    .min(1, "At least 1 minute.")
    .max(24 * 60, "At most 24 hours (1440 minutes)."),
  outageGraceMinutes: z.coerce
    .number()
    .int()
    .min(0, "0 disables it.")
    .max(24 * 60, "At most 24 hours (1440 minutes)."),
});

const allowEntry = z
  .string()
  .trim()
  .refine((v) => parseAllowEntry(v) !== null, ALLOW_ENTRY_HELP);

/** The workspace egress form: a mode and the allow-list (one entry per line or comma-separated). */
export const egressPolicySchema = z.object({
  workspaceId: idField,
  mode: z.enum(EGRESS_MODES, { message: "Choose which networks connections may reach." }),
  entries: z
    .string()
    .max(5000, "At most 5,000 characters.")
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(allowEntry).max(50, "At most 50 entries.")),
});

/** "Test configuration": optionally one secret to read (ARN, <engine>:<path>, name or id; checked per provider). */
export const providerTestSchema = z.object({
  probe: z
    .string()
    .trim()
    .max(2048, "At most 2048 characters.")
    .optional()
    .transform((v) => v || undefined),
});

/** Rotation tracking and secret health thresholds (docs/rotation.md). */
export const rotationSettingsSchema = z.object({
  workspaceId: idField,
  rotationPollSeconds: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 10 && n <= 3600), "0 (off), or from 10 seconds to 1 hour (3600)."),
  expiryWarnDays: z.coerce.number().int().min(1, "At least 1 day.").max(365, "At most 365 days."),
  rotationStaleDays: z.coerce.number().int().min(1, "At least 1 day.").max(3650, "At most 3650 days."),
});
