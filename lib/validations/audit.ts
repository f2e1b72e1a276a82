import { z } from "zod";
import { dbIdSchema } from "./paging";

/** Audit filters come from the URL: anything malformed is dropped rather than failing the page. */
export const auditFiltersSchema = z.object({
  action: z
    .string()
    .max(80)
    .regex(/^[a-z0-9_.]*$/)
    .optional()
    .catch(undefined),
  outcome: z.enum(["success", "failure"]).optional().catch(undefined),
  actor: z.string().max(254).optional().catch(undefined),
  projectId: dbIdSchema.optional().catch(undefined),
  before: dbIdSchema.optional().catch(undefined),
});
