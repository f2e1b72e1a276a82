import "server-only";
// Which provider kinds this installation offers (PROVIDERS in lib/env.ts). A switched-off kind cannot be saved,
// whatever a form submits; the provider setup greys it out, but that is only the UI.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { PROVIDER_LABELS, type ProviderKind } from "@/lib/secrets/types";

const LABELS: Record<string, string> = PROVIDER_LABELS satisfies Record<ProviderKind, string>;

export function assertProviderEnabled(kind: string, enabled: readonly string[] = env.PROVIDERS): void {
  if (enabled.includes(kind)) return;
  const offered = enabled.map((k) => LABELS[k] ?? k).join(", ");
  throw new AppError("VALIDATION", `${LABELS[kind] ?? kind} is switched off on this installation (PROVIDERS=${enabled.join(",")}). Choose ${offered}.`, "kind");
}
