import { z } from "zod";
import { isTokenScope, TOKEN_SCOPE_NAMES } from "@/lib/auth/token-scopes";
import { PROJECT_FIELD, SCOPE_FIELD } from "./api-token-fields";
import { dbIdSchema, MAX_DB_ID } from "./paging";

// Form field names: one checkbox per scope ("scope:cache:clear") and per project ("project:12").
export { PROJECT_FIELD, SCOPE_FIELD };

/** A native form posts checkboxes as separate fields; this gathers them into the lists the schema checks. */
function gatherChoices(fields: unknown): unknown {
  if (typeof fields !== "object" || fields === null) return fields;
  const entries = Object.entries(fields as Record<string, unknown>);
  const picked = (prefix: string) => entries.filter(([k, v]) => k.startsWith(prefix) && v === "on").map(([k]) => k.slice(prefix.length));
  const limited = (fields as Record<string, unknown>).projects === "some";
  return { ...fields, scopes: picked(SCOPE_FIELD), projectIds: limited ? picked(PROJECT_FIELD) : null };
}

export const createApiTokenSchema = z.preprocess(
  gatherChoices,
  z.object({
    workspaceId: dbIdSchema,
    name: z.string().trim().min(1, "Name the token after what uses it.").max(80),
    scopes: z
      .array(z.string().refine(isTokenScope, `Choose among: ${TOKEN_SCOPE_NAMES.join(", ")}.`))
      .min(1, "Choose at least one scope.")
      .max(TOKEN_SCOPE_NAMES.length)
      .transform((s) => s.filter(isTokenScope)),
    projectIds: z.array(z.coerce.number().int().positive().max(MAX_DB_ID)).min(1, "Choose at least one project, or allow every project.").max(500).nullable(),
    expiresInDays: z.enum(["30", "90", "365", "never"]).transform((v) => (v === "never" ? null : Number(v))),
  }),
);

export const revokeApiTokenSchema = z.object({
  workspaceId: dbIdSchema,
  tokenId: dbIdSchema,
});
