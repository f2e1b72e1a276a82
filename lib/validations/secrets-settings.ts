import { z } from "zod";

const idField = z.coerce.number().int().positive().max(2 ** 31 - 1);

export const switchScopeSchema = z.object({
  workspaceId: idField,
  to: z.enum(["workspace", "project"]),
  expectedVersion: z.coerce.number().int().min(0),
});

export const cacheSettingsSchema = z.object({
  workspaceId: idField,
  cacheTtlMinutes: z.coerce.number().int().min(1, "At least 1 minute.").max(24 * 60, "At most 24 hours (1440 minutes)."),
  outageGraceMinutes: z.coerce.number().int().min(0, "0 disables it.").max(24 * 60, "At most 24 hours (1440 minutes)."),
});

const ipOrCidr = z
  .string()
  .trim()
  .refine((v) => {
    const [ip, bits, extra] = v.split("/");
    if (extra !== undefined || !ip) return false;
    const v4 = /^(\d{1,3})(\.\d{1,3}){3}$/.test(ip) && ip.split(".").every((o) => Number(o) <= 255);
    const v6 = /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(":");
    if (!v4 && !v6) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
  }, "Each entry is an IP address or a CIDR range, e.g. 127.0.0.1 or 10.0.0.0/8.");

export const egressAllowListSchema = z.object({
  workspaceId: idField,
  entries: z
    .string()
    .max(5000)
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(ipOrCidr).max(50, "At most 50 entries.")),
});
