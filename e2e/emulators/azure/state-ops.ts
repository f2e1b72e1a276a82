// Mutations tests apply to the emulator's world, in process (`setState`) or through
// POST /_emulator/state. Each one stands for something an admin does in the portal or with `az`.
import { findApp, newVersionId, type EmulatorState, type PermissionModel, type SecretPermission, type VaultSecret, type VaultState } from "./fixture";

/** `vault` defaults to the first vault of the fixture. */
export type AzureStateMutation =
  | { op: "setSecret"; vault?: string; name: string; value: string; contentType?: string }
  | { op: "disableVersion"; vault?: string; name: string; version?: string }
  | { op: "enableVersion"; vault?: string; name: string; version?: string }
  /** UpdateSecret's attributes: `expires` / `notBefore` as ISO dates, null removes; version defaults to the current. */
  | { op: "setSecretAttributes"; vault?: string; name: string; version?: string; expires?: string | null; notBefore?: string | null }
  | { op: "setRoleAssignments"; vault?: string; principal: string; roles: string[] }
  | { op: "setAccessPolicy"; vault?: string; principal: string; secrets: SecretPermission[] }
  | { op: "setPermissionModel"; vault?: string; model: PermissionModel }
  | { op: "setFirewall"; vault?: string; denies: boolean }
  | { op: "expireClientSecret"; clientId: string }
  | { op: "reset" };

export type MutationResult = { ok: true; version?: string } | { ok: false; error: string };

export class StateOpError extends Error {}

function vaultOf(state: EmulatorState, name?: string): VaultState {
  const vault = name ? state.vaults.get(name.toLowerCase()) : state.vaults.values().next().value;
  if (!vault) throw new StateOpError(`unknown vault ${name ?? "(none in fixture)"}`);
  return vault;
}

function secretOf(vault: VaultState, name: string): VaultSecret {
  const secret = vault.secrets.get(name.toLowerCase());
  if (!secret) throw new StateOpError(`unknown secret ${name} in vault ${vault.name}`);
  return secret;
}

function setEnabled(vault: VaultState, name: string, version: string | undefined, enabled: boolean) {
  const secret = secretOf(vault, name);
  const target = version ? secret.versions.find((v) => v.id === version) : secret.versions.at(-1);
  if (!target) throw new StateOpError(`unknown version ${version} of ${name}`);
  target.enabled = enabled;
  target.updated = Math.floor(Date.now() / 1000);
  return target.id;
}

/** Applies one mutation (except `reset`, which the emulator handles by reloading its fixture). */
export function applyMutation(state: EmulatorState, m: Exclude<AzureStateMutation, { op: "reset" }>): MutationResult {
  switch (m.op) {
    case "setSecret": {
      const vault = vaultOf(state, m.vault);
      const key = m.name.toLowerCase();
      const secret = vault.secrets.get(key) ?? { name: m.name, versions: [] };
      const now = Math.floor(Date.now() / 1000);
      const id = newVersionId(`${vault.name}/${m.name}`);
      secret.versions.push({ id, value: m.value, enabled: true, contentType: m.contentType, created: now, updated: now });
      vault.secrets.set(key, secret);
      return { ok: true, version: id };
    }
    case "disableVersion":
      return { ok: true, version: setEnabled(vaultOf(state, m.vault), m.name, m.version, false) };
    case "enableVersion":
      return { ok: true, version: setEnabled(vaultOf(state, m.vault), m.name, m.version, true) };
    case "setSecretAttributes": {
      const secret = secretOf(vaultOf(state, m.vault), m.name);
      const target = m.version ? secret.versions.find((v) => v.id === m.version) : secret.versions.at(-1);
      if (!target) throw new StateOpError(`unknown version ${m.version} of ${m.name}`);
      if (m.expires !== undefined) target.expires = epochSeconds(m.expires);
      if (m.notBefore !== undefined) target.notBefore = epochSeconds(m.notBefore);
      target.updated = Math.floor(Date.now() / 1000);
      return { ok: true, version: target.id };
    }
    case "setRoleAssignments":
      vaultOf(state, m.vault).roleAssignments.set(m.principal.toLowerCase(), new Set(m.roles));
      return { ok: true };
    case "setAccessPolicy":
      vaultOf(state, m.vault).accessPolicies.set(m.principal.toLowerCase(), new Set(m.secrets));
      return { ok: true };
    case "setPermissionModel":
      vaultOf(state, m.vault).permissionModel = m.model;
      return { ok: true };
    case "setFirewall":
      vaultOf(state, m.vault).firewallDenies = m.denies;
      return { ok: true };
    case "expireClientSecret": {
      const app = findApp(state, m.clientId);
      if (!app) throw new StateOpError(`unknown client id ${m.clientId}`);
      const past = Date.now() - 1000;
      for (const secret of app.secrets) secret.expiresAt = past;
      return { ok: true };
    }
    default:
      throw new StateOpError(`unknown op ${(m as { op?: unknown }).op}`);
  }
}

function epochSeconds(iso: string | null): number | undefined {
  if (iso === null) return undefined;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new StateOpError(`not an ISO date: ${iso}`);
  return Math.floor(ms / 1000);
}
