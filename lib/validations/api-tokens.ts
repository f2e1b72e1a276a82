import { z } from "zod";
import { dbIdSchema } from "./paging";

export const createApiTokenSchema = z.object({
  workspaceId: dbIdSchema,
  name: z.string().trim().min(1, "Name the token after what uses it.").max(80),
  scope: z.enum(["all", "cache", "workflows"], "Choose what the token may call."),
  expiresInDays: z.enum(["30", "90", "365", "never"]).transform((v) => (v === "never" ? null : Number(v))),
});

export const revokeApiTokenSchema = z.object({
  workspaceId: dbIdSchema,
  tokenId: dbIdSchema,
});
