// Vault failures as SecretsErrors that know their fix (docs/errors.md "Troubleshooting": "Vault 403"). Vault's own
// error text is only ever used after sanitizeProviderText, and never for logins: AppRole can echo the secret ID.
// classify.ts reads what node-vault threw.
import { notFound, SecretsError } from "@/lib/secrets/errors";
import { PROVIDER_LABELS, type VaultSettings } from "@/lib/secrets/types";

export const VAULT = PROVIDER_LABELS.vault;

/** Who is asking, for the commands an admin can run: the settings plus the token's policies once logged in. */
export interface VaultIdentity {
  settings: VaultSettings;
  policies?: string[];
}

const nsFlag = (s: VaultSettings) => (s.namespace ? ` -namespace=${s.namespace}` : "");

export function roleCommand(s: VaultSettings): string {
  return `vault read${nsFlag(s)} auth/${s.approleMount}/role/${s.roleName || "<role name>"}`;
}

function policyCommands(id: VaultIdentity): string[] {
  const own = (id.policies ?? []).filter((p) => p !== "default");
  return (own.length ? own : ["<policy>"]).map((p) => `vault policy read${nsFlag(id.settings)} ${p}`);
}

export function vaultLoginFailed(s: VaultSettings, reason: "credentials" | "mount"): SecretsError {
  const where = `auth/${s.approleMount}${s.namespace ? ` in namespace ${s.namespace}` : ""}`;
  return new SecretsError({
    code: "vault_login_failed",
    category: "authentication",
    message:
      reason === "credentials"
        ? `Vault rejected the AppRole login at ${where}: invalid role ID or secret ID.`
        : `Vault refused the AppRole login at ${where}: no AppRole auth method answers there, or the role is locked out.`,
    fix:
      reason === "credentials"
        ? "Check the role ID and the secret ID. Secret IDs expire (secret_id_ttl) and run out of uses (secret_id_num_uses): generate a new one and save it here."
        : "Check the AppRole mount path and the namespace in the settings; if both are right, wait for the lockout to end or check the role.",
    command: roleCommand(s),
  });
}

export function vaultPermissionDenied(id: VaultIdentity, capability: "read" | "list", policyPath: string, grantPath = policyPath): SecretsError {
  return new SecretsError({
    code: "vault_permission_denied",
    category: "authorization",
    message: `The AppRole's policies do not grant "${capability}" on ${policyPath}.`,
    fix: `Add "${capability}" on ${grantPath} to a policy attached to the AppRole, or check that the engine in the reference is the mount the secret lives in.`,
    snippet: `path "${grantPath}" {\n  capabilities = ["${capability}"]\n}`,
    command: [roleCommand(id.settings), ...policyCommands(id)].join("\n"),
    permission: capability,
  });
}

export interface EngineNotFoundDetail {
  /** KV mounts the AppRole can see (without trailing slash). */
  visible?: string[];
  /** The mount that actually holds the path, when it is not the engine named. */
  actualMount?: string;
  /** The engine's type when it is mounted but is not KV. */
  type?: string;
}

export function vaultEngineNotFound(s: VaultSettings, engine: string, detail: EngineNotFoundDetail = {}): SecretsError {
  const visible = detail.visible ?? [];
  const cause = detail.type
    ? `The engine mounted at ${engine}/ is of type "${detail.type}", not a KV secrets engine.`
    : detail.actualMount
      ? `${engine} is not a mount path: the secret would live in the KV engine mounted at ${detail.actualMount}/.`
      : `No KV secrets engine is mounted at ${engine}/ (or the AppRole's policies grant nothing under it).`;
  const seen = visible.length ? ` KV engines this AppRole can see: ${visible.map((m) => `${m}/`).join(", ")}.` : "";
  return new SecretsError({
    code: "vault_engine_not_found",
    category: "authorization",
    message: `${cause}${seen}`,
    fix: detail.actualMount
      ? `Use "${detail.actualMount}" as the engine and the rest as the secret path.`
      : "Use the mount path of the KV engine as the engine in the reference, or grant the AppRole's policy access under that mount.",
    command: [`vault secrets list${nsFlag(s)} -detailed`, roleCommand(s)].join("\n"),
    suggestions: detail.actualMount ? [detail.actualMount] : visible,
  });
}

export function vaultSecretNotFound(s: VaultSettings, engine: string, path: string, suggestions: string[]): SecretsError {
  const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  return notFound(`${engine}:${path}`, suggestions, `vault kv list${nsFlag(s)} -mount=${engine} ${parent || "/"}`.trimEnd());
}

export interface DeletedVersion {
  version: number;
  /** Empty when the version was destroyed without a soft delete first. */
  deletionTime: string;
  destroyed: boolean;
}

/** KV v2 keeps a deleted version's metadata: say what happened and how to bring it back, not "not found". */
export function vaultSecretDeleted(s: VaultSettings, engine: string, path: string, gone: DeletedVersion): SecretsError {
  const where = `${engine}/${path}`;
  const previous = gone.version > 1 ? `vault kv rollback${nsFlag(s)} -version=${gone.version - 1} ${where}` : undefined;
  if (gone.destroyed) {
    return new SecretsError({
      code: "vault_secret_destroyed",
      category: "authorization",
      message: `The latest version (${gone.version}) of ${engine}:${path} was destroyed: its data is gone and cannot be undeleted.`,
      fix: previous
        ? `Roll back to an earlier version (this writes it again as the latest version), or write a new version of the secret. Keyhold never falls back to an older version by itself.`
        : "Write a new version of the secret. Keyhold never falls back to an older version by itself.",
      command: previous ?? `vault kv metadata get${nsFlag(s)} ${where}`,
    });
  }
  return new SecretsError({
    code: "vault_secret_deleted",
    category: "authorization",
    message: `The latest version (${gone.version}) of ${engine}:${path} was deleted at ${gone.deletionTime || "an unknown time"}.`,
    fix: `Undelete version ${gone.version}${previous ? ", or roll back to an earlier version (this writes it again as the latest version)" : ", or write the secret again"}. Keyhold never falls back to an older version by itself.`,
    command: `vault kv undelete${nsFlag(s)} -versions=${gone.version} ${where}`,
    snippet: previous,
  });
}
