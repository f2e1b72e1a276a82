// Vault failures as SecretsErrors that know their fix (docs/errors.md "Troubleshooting": "Vault 403"). Vault's own
// error text is only ever used after sanitizeProviderText, and never for logins: AppRole can echo the secret ID.
import {
  invalidConfiguration,
  notFound,
  providerError,
  SecretsError,
  sanitizeProviderText,
  throttled,
  timedOut,
  unavailable,
} from "@/lib/secrets/errors";
import type { VaultSettings } from "@/lib/secrets/types";

export const VAULT = "HashiCorp Vault";

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

// ---- Reading what node-vault threw ----

interface NodeVaultErrorShape {
  message?: string;
  code?: string;
  response?: { statusCode?: number; body?: unknown };
}

export function statusOf(err: unknown): number | undefined {
  return (err as NodeVaultErrorShape | undefined)?.response?.statusCode;
}

/** Vault's first error text, or "" (node-vault puts it in `message`; a 404 with no errors says "Status 404"). */
export function vaultMessageOf(err: unknown): string {
  const body = (err as NodeVaultErrorShape | undefined)?.response?.body as { errors?: unknown[] } | undefined;
  const first = Array.isArray(body?.errors) ? body.errors[0] : undefined;
  return typeof first === "string" ? first : "";
}

export function vaultWarningsOf(err: unknown): string[] {
  const body = (err as NodeVaultErrorShape | undefined)?.response?.body as { warnings?: unknown } | undefined;
  return Array.isArray(body?.warnings) ? body.warnings.filter((w): w is string => typeof w === "string") : [];
}

/**
 * Vault answers 403 for a dead token and for a policy denial alike; since 1.16 a dead token adds "invalid
 * token". A bare "permission denied" (older servers) is ambiguous, so it is also worth one fresh login.
 */
export function isInvalidTokenError(err: unknown): boolean {
  if (statusOf(err) !== 403) return false;
  const text = vaultMessageOf(err);
  return text.includes("invalid token") || text.trim() === "permission denied";
}

/** Failures every step shares: transport, throttling, seal, 5xx. Undefined when the step must decide. */
export function classifyCommon(err: unknown, attemptTimeoutMs: number): SecretsError | undefined {
  if (err instanceof SecretsError) return err;
  const status = statusOf(err);
  if (status === undefined) {
    const code = (err as NodeVaultErrorShape | undefined)?.code;
    if (code === "ECONNABORTED" || code === "ETIMEDOUT") return timedOut(VAULT, attemptTimeoutMs);
    if (code === "ERR_INVALID_URL") {
      return invalidConfiguration("The Vault address is not a valid URL.", "Enter the address as https://<host>:8200.");
    }
    if (code && TLS_CODES.test(code)) return tlsRefused(code);
    if (code) return unavailable(VAULT, code);
    return providerError(VAULT, err instanceof Error ? err.name : "unknown error");
  }
  if (status === 429) return throttled(VAULT);
  if (status === 503 && /sealed/i.test(vaultMessageOf(err))) return unavailable(VAULT, "Vault is sealed");
  if (status >= 500) return unavailable(VAULT, `HTTP ${status} ${sanitizeProviderText(vaultMessageOf(err))}`.trim());
  return undefined;
}

// Certificate problems do not go away on retry.
const TLS_CODES = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_)/;

function tlsRefused(code: string): SecretsError {
  return new SecretsError({
    code: "unavailable",
    category: "unavailable",
    message: `${VAULT}'s TLS certificate was not accepted (${code}).`,
    fix: "Serve Vault with a certificate for this address that the Keyhold server trusts; for a private CA, add it to the server's trust store (NODE_EXTRA_CA_CERTS).",
  });
}

export function unexpected(err: unknown): SecretsError {
  const status = statusOf(err);
  return providerError(VAULT, `HTTP ${status ?? "?"} ${sanitizeProviderText(vaultMessageOf(err))}`.trim());
}
