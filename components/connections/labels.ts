// Wording shared by the connection list, forms and details (the types themselves live in lib/connections/types).
import type { CredentialFieldName } from "@/lib/connections/types";

export const AUTH_KIND_OPTIONS = [
  { value: "none", label: "None" },
  { value: "bearer", label: "Bearer token" },
  { value: "basic", label: "Basic (user and password)" },
  { value: "header", label: "Custom header" },
] as const;

export const SSL_MODE_OPTIONS = [
  { value: "require", label: "require (encrypt, do not verify)" },
  { value: "verify-full", label: "verify-full (encrypt and verify the server)" },
  { value: "disable", label: "disable (no TLS)" },
] as const;

/** Credential fields whose literal is shown as typed (not masked): names, not secrets, or PEM text. */
export const VISIBLE_LITERALS: ReadonlySet<CredentialFieldName> = new Set(["user"]);

export const SOURCE_LABELS = {
  cache: "Resolved from cache",
  provider: "Fetched from the provider",
  stale: "Last good value (provider unavailable)",
} as const;

export function formatWhen(date: Date | string): string {
  const d = typeof date === "string" ? new Date(date) : date;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
