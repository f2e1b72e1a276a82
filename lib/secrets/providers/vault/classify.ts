// Reads what node-vault threw (status, Vault's error text and warnings) and maps the failures every step
// shares (transport, TLS, throttling, seal, 5xx) to SecretsErrors; steps explain the rest (kv-read.ts, session.ts).
import { invalidConfiguration, providerError, SecretsError, sanitizeProviderText, timedOut, unavailable } from "@/lib/secrets/errors";
import { callSuffix, classifyHttpStatus, retryAfterMsOf, throttledCall, unavailableCall } from "@/lib/secrets/http-status";
import { networkFailureOf } from "@/lib/secrets/network-failure";
import { VAULT } from "./errors";

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
export function classifyCommon(err: unknown, attemptTimeoutMs: number, operation = "a request"): SecretsError | undefined {
  if (err instanceof SecretsError) return err;
  const status = statusOf(err);
  if (status === undefined) {
    const code = (err as NodeVaultErrorShape | undefined)?.code;
    if (code === "ECONNABORTED" || code === "ETIMEDOUT") return timedOut(VAULT, attemptTimeoutMs);
    if (code === "ERR_INVALID_URL") {
      return invalidConfiguration("The Vault address is not a valid URL.", "Enter the address as https://<host>:8200.");
    }
    if (code && TLS_CODES.test(code)) return tlsRefused(code);
    if (code) return unavailable(VAULT, networkFailureOf(err)?.text ?? code);
    return providerError(VAULT, err instanceof Error ? err.name : "unknown error");
  }
  // Not Vault's JSON (a proxy's page, XML, nothing): the status decides, and a 401/403 is a denial.
  const facts = { provider: VAULT, operation, status, retryAfterMs: retryAfterMsOf(err) };
  if (isUnreadable(err) && (status === 401 || status === 403)) return classifyHttpStatus(facts);
  if (status === 429) return throttledCall(facts);
  if (status === 503 && /sealed/i.test(vaultMessageOf(err))) return unavailableCall(facts, "Vault is sealed");
  if (status >= 500) return unavailableCall(facts, plainVaultText(err));
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

/** An HTTP answer whose body is not Vault's JSON envelope. */
function isUnreadable(err: unknown): boolean {
  const body = (err as NodeVaultErrorShape | undefined)?.response?.body;
  return statusOf(err) !== undefined && (typeof body !== "object" || body === null);
}

export function unexpected(err: unknown, operation = "a request"): SecretsError {
  const status = statusOf(err);
  if (isUnreadable(err)) return classifyHttpStatus({ provider: VAULT, operation, status });
  return providerError(VAULT, `${plainVaultText(err) ?? "no details"}${callSuffix({ provider: VAULT, operation, status })}`);
}

/** Vault's error text without its multierror wrapping ("1 error occurred:\n\t* internal error"), sanitized. */
function plainVaultText(err: unknown): string | undefined {
  const text = vaultMessageOf(err)
    .replace(/^\d+ errors? occurred:\s*/, "")
    .replace(/\s*\n\s*\*\s*/g, "; ")
    .replace(/^\*\s*/, "")
    .trim();
  return text ? sanitizeProviderText(text) : undefined;
}
