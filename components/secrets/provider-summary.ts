// What the provider forms may know about a stored configuration: its non-secret settings and whether
// write-only auth material is set. Built on the server from the data layer's view; never the auth itself.
import type { ProviderKind } from "@/lib/secrets/types";
import type { ProviderConfigView } from "@/lib/views/secrets";

export interface ProviderSummary {
  id: number;
  kind: ProviderKind;
  settings: Record<string, string>;
  authSet: boolean;
  revision: number;
  lastTestAt: string | null;
  lastTestOk: boolean | null;
  lastTestSummary: string | null;
}

/** The settings each form shows; anything else stored with a configuration stays on the server. */
export const SETTINGS_FIELDS: Record<ProviderKind, readonly string[]> = {
  // onPremGroupId: the connection type (docs/agent.md), "" for Cloud.
  aws: ["onPremGroupId", "roleArn", "region"],
  azure: ["onPremGroupId", "tenantId", "clientId", "vaultUrl"],
  vault: ["onPremGroupId", "address", "namespace", "approleMount", "roleId", "roleName"],
  gcp: ["projectId"],
};

/** The write-only field of each kind (AWS has none: Keyhold assumes the customer's role). */
export const AUTH_FIELD: Record<ProviderKind, { name: string; label: string } | null> = {
  aws: null,
  azure: { name: "clientSecret", label: "client secret" },
  vault: { name: "secretId", label: "AppRole secret ID" },
  gcp: { name: "serviceAccountJson", label: "service-account key" },
};

export function toProviderSummary(view: ProviderConfigView | null): ProviderSummary | null {
  if (!view) return null;
  const settings: Record<string, string> = {};
  for (const name of SETTINGS_FIELDS[view.kind]) {
    const value = view.settings[name];
    if (typeof value === "string") settings[name] = value;
  }
  if (view.onPremGroupId) settings.onPremGroupId = String(view.onPremGroupId);
  return {
    id: view.id,
    kind: view.kind,
    settings,
    authSet: view.authSet,
    revision: view.revision,
    lastTestAt: view.lastTestAt?.toISOString() ?? null,
    lastTestOk: view.lastTestOk,
    lastTestSummary: view.lastTestSummary,
  };
}
