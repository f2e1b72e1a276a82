import { z } from "zod";

/** Ids are INTEGER columns: beyond 2^31-1 PostgreSQL refuses the query (a 500) instead of finding nothing. */
export const MAX_DB_ID = 2 ** 31 - 1;
export const dbIdSchema = z.coerce.number().int().positive().max(MAX_DB_ID);

/** Deeper than any real list; keeps `skip` a small safe integer whatever the URL says. */
export const MAX_PAGE = 10_000;

/** A ?page= from the URL: anything that is not a positive whole number is page 1, anything huge the last page we serve. */
export const pageParamSchema = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => (v !== undefined && /^\d{1,30}$/.test(v.trim()) ? Math.max(1, Math.min(Number(v.trim()), MAX_PAGE)) : 1));

/** The connections list's URL: search text and page, never an error. */
export const connectionListQuerySchema = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v ?? "").trim().slice(0, 100)),
  page: pageParamSchema,
});
