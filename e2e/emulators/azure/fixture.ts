// The emulator's world: Entra ID tenants with app registrations (client secrets that expire), and key vaults
// with a permission model (Azure RBAC or access policies), a firewall switch and versioned secrets. The
// fixture is JSON-friendly; `loadState` turns it into the mutable state the handlers read.
import { createHash } from "node:crypto";

/** Built-in Azure roles the emulator knows, with the secret data actions they grant. */
export const ROLE_PERMISSIONS: Record<string, ReadonlyArray<SecretPermission>> = {
  "Key Vault Secrets User": ["get", "list"],
  "Key Vault Secrets Officer": ["get", "list", "set"],
  "Key Vault Administrator": ["get", "list", "set"],
  // Metadata only: it may list names but never read a value, as in Azure.
  "Key Vault Reader": ["list"],
};

export type SecretPermission = "get" | "list" | "set";
export type PermissionModel = "rbac" | "accessPolicy";

interface AzureClientSecretFixture {
  value: string;
  /** ISO date; absent = never expires. */
  expiresAt?: string;
}

interface AzureAppFixture {
  clientId: string;
  displayName?: string;
  /** The service principal's object id (the token's `oid`); derived from the client id when absent. */
  objectId?: string;
  secrets: AzureClientSecretFixture[];
}

interface AzureTenantFixture {
  id: string;
  apps: AzureAppFixture[];
}

interface AzureSecretVersionFixture {
  /** 32 hex characters; derived from the secret name and position when absent (stable across restarts). */
  id?: string;
  value: string;
  enabled?: boolean;
  contentType?: string;
}

interface AzureSecretFixture {
  name: string;
  tags?: Record<string, string>;
  /** Oldest first: the last one is the current version. */
  versions: AzureSecretVersionFixture[];
}

interface AzureVaultFixture {
  /** The vault's DNS label: https://<name>.vault.azure.net */
  name: string;
  tenantId: string;
  location?: string;
  permissionModel: PermissionModel;
  /** The vault's network rules refuse the caller (public access disabled or our address not listed). */
  firewallDenies?: boolean;
  /** Principal = the app's client id (what `az role assignment list --assignee` accepts). */
  roleAssignments?: Array<{ principal: string; role: string }>;
  accessPolicies?: Array<{ principal: string; secrets: SecretPermission[] }>;
  secrets: AzureSecretFixture[];
}

export interface AzureFixture {
  tenants: AzureTenantFixture[];
  vaults: AzureVaultFixture[];
}

export interface SecretVersion {
  id: string;
  value: string;
  enabled: boolean;
  contentType?: string;
  created: number;
  updated: number;
  /** Epoch seconds: the `exp` / `nbf` attributes (advisory for secrets: Key Vault still serves the value). */
  expires?: number;
  notBefore?: number;
}

export interface VaultSecret {
  name: string;
  tags?: Record<string, string>;
  versions: SecretVersion[];
}

interface AppState {
  clientId: string;
  objectId: string;
  displayName: string;
  secrets: Array<{ value: string; expiresAt?: number }>;
}

export interface VaultState {
  name: string;
  tenantId: string;
  location: string;
  permissionModel: PermissionModel;
  firewallDenies: boolean;
  roleAssignments: Map<string, Set<string>>;
  accessPolicies: Map<string, Set<SecretPermission>>;
  /** Keyed by lower-cased name: Key Vault names are case-insensitive. */
  secrets: Map<string, VaultSecret>;
}

export interface EmulatorState {
  tenants: Map<string, Map<string, AppState>>;
  vaults: Map<string, VaultState>;
}

const hex32 = (seed: string) => createHash("sha256").update(seed).digest("hex").slice(0, 32);
const derivedObjectId = (clientId: string) => {
  const h = hex32(`oid:${clientId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

export function loadState(fixture: AzureFixture, now = Date.now()): EmulatorState {
  const seconds = Math.floor(now / 1000);
  const tenants = new Map<string, Map<string, AppState>>();
  for (const tenant of fixture.tenants) {
    const apps = new Map<string, AppState>();
    for (const app of tenant.apps) {
      apps.set(app.clientId.toLowerCase(), {
        clientId: app.clientId,
        objectId: app.objectId ?? derivedObjectId(app.clientId),
        displayName: app.displayName ?? "keyhold",
        secrets: app.secrets.map((s) => ({
          value: s.value,
          expiresAt: s.expiresAt ? Date.parse(s.expiresAt) : undefined,
        })),
      });
    }
    tenants.set(tenant.id.toLowerCase(), apps);
  }
  const vaults = new Map<string, VaultState>();
  for (const vault of fixture.vaults) {
    const roleAssignments = new Map<string, Set<string>>();
    for (const { principal, role } of vault.roleAssignments ?? []) {
      const roles = roleAssignments.get(principal.toLowerCase()) ?? new Set<string>();
      roles.add(role);
      roleAssignments.set(principal.toLowerCase(), roles);
    }
    const accessPolicies = new Map<string, Set<SecretPermission>>();
    for (const { principal, secrets } of vault.accessPolicies ?? []) {
      accessPolicies.set(principal.toLowerCase(), new Set(secrets));
    }
    const secrets = new Map<string, VaultSecret>();
    for (const secret of vault.secrets) {
      secrets.set(secret.name.toLowerCase(), {
        name: secret.name,
        tags: secret.tags,
        versions: secret.versions.map((v, i) => ({
          id: v.id ?? hex32(`${vault.name}/${secret.name}/${i}`),
          value: v.value,
          enabled: v.enabled ?? true,
          contentType: v.contentType,
          // Older versions were created earlier, so "current = newest" holds by timestamp too.
          created: seconds - (secret.versions.length - i) * 3600,
          updated: seconds - (secret.versions.length - i) * 3600,
        })),
      });
    }
    vaults.set(vault.name.toLowerCase(), {
      name: vault.name,
      tenantId: vault.tenantId.toLowerCase(),
      location: vault.location ?? "westeurope",
      permissionModel: vault.permissionModel,
      firewallDenies: vault.firewallDenies ?? false,
      roleAssignments,
      accessPolicies,
      secrets,
    });
  }
  return { tenants, vaults };
}

export function findApp(state: EmulatorState, clientId: string): AppState | undefined {
  for (const apps of state.tenants.values()) {
    const app = apps.get(clientId.toLowerCase());
    if (app) return app;
  }
  return undefined;
}

/** What the principal may do with secrets in this vault under its current permission model. */
export function grantedPermissions(vault: VaultState, principal: string): Set<SecretPermission> {
  const key = principal.toLowerCase();
  if (vault.permissionModel === "accessPolicy") return vault.accessPolicies.get(key) ?? new Set();
  const granted = new Set<SecretPermission>();
  for (const role of vault.roleAssignments.get(key) ?? []) {
    for (const permission of ROLE_PERMISSIONS[role] ?? []) granted.add(permission);
  }
  return granted;
}

export const newVersionId = (seed: string) => hex32(`${seed}:${Date.now()}:${Math.random()}`);
