// Provider names for views that hold a kind as plain text (rows read from the database). The names are defined
// once, in lib/secrets/types.ts; this is the same object, typed for lookups by any string.
import { PROVIDER_LABELS as LABELS } from "@/lib/secrets/types";

export const PROVIDER_LABELS: Readonly<Record<string, string>> = LABELS;
