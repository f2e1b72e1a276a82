// Where a provider's auth material may be sent (docs/threat-model.md, threat 3). A Vault secret_id or token,
// an Azure client secret and a Google key are bound to the endpoint they were entered for: changing it means
// re-entering the secret, so an admin who points the Vault address at their own host cannot make Keyhold
// send them the stored one. Endpoints the operator sets in the environment are not part of the key.
import type { ProviderKind } from "@/lib/secrets/types";

function normalUrl(text: unknown): string {
  if (typeof text !== "string") return "";
  try {
    const url = new URL(text.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return text.trim();
  }
}

/**
 * The endpoint key of a configuration's settings, or null when its kind holds no auth material (AWS). The
 * connection type is part of it (`onPremGroupId`, docs/agent.md): the same address reached through another
 * on-prem group, or from the cloud, is another destination. Cloud keys carry no suffix, as before groups existed.
 */
export function authEndpointOf(kind: ProviderKind, settings: Record<string, unknown>): string | null {
  const via = typeof settings.onPremGroupId === "number" ? ` via=group:${settings.onPremGroupId}` : "";
  switch (kind) {
    case "vault":
      return `vault ${normalUrl(settings.address)} namespace=${String(settings.namespace ?? "").trim()}${via}`;
    case "azure":
      // The client secret itself goes only to Entra ID (from the console); the group carries the vault
      // requests made with its tokens, so it is part of the destination all the same.
      return `azure tenant=${String(settings.tenantId ?? "")
        .trim()
        .toLowerCase()} vault=${normalUrl(settings.vaultUrl)}${via}`;
    case "gcp":
      return `gcp project=${String(settings.projectId ?? "").trim()}`;
    case "aws":
      return null;
  }
}

/** Settings with the connection type folded in, as authEndpointOf reads them. */
export function withConnectionType(settings: Record<string, unknown>, onPremGroupId: number | null | undefined): Record<string, unknown> {
  return onPremGroupId ? { ...settings, onPremGroupId } : settings;
}

/** The form field that holds each kind's auth material, where a "re-enter it" error belongs. */
export const AUTH_FIELD: Record<ProviderKind, string | null> = { aws: null, azure: "clientSecret", vault: "secretId", gcp: "serviceAccountJson" };
