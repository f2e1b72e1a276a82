// The compatible clear-cache API: no body, exactly {"success": true} (docs/api.md).
import { z } from "zod";

export const clearCacheResponseSchema = z.object({ success: z.literal(true) });
