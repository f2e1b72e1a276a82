// The fingerprint a confirmation dialog sends back (docs/scopes.md "Impact before anything breaks"): optional, so
// scripted callers that never saw a dialog keep working; when present it must match the impact on submit.
import { z } from "zod";

export const impactTokenField = z
  .string()
  .regex(/^[0-9a-f]{24}$/, "The confirmation was malformed. Reload the page and try again.")
  .optional();
