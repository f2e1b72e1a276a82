// Every provider failure becomes a SecretsError that knows its fix (docs/style.md rule 14). Messages name
// permissions, references and identities; they never carry a secret value, and provider text passes through
// sanitizeProviderText first.

export type SecretsErrorCode =
  | "aws_assume_role_denied"
  | "aws_access_denied"
  | "aws_kms_decrypt_denied"
  | "not_found"
  | "key_not_found"
  | "version_disabled"
  | "throttled"
  | "unavailable"
  | "timeout"
  | "vault_login_failed"
  | "vault_permission_denied"
  | "vault_engine_not_found"
  | "azure_client_secret_expired"
  | "azure_invalid_client"
  | "azure_unknown_tenant"
  | "azure_forbidden_rbac"
  | "azure_forbidden_access_policy"
  | "azure_forbidden_firewall"
  | "azure_forbidden_by_connection"
  | "azure_forbidden_by_policy"
  | "gcp_permission_denied"
  | "gcp_invalid_credentials"
  | "gcp_service_disabled"
  | "vault_secret_deleted"
  | "vault_secret_destroyed"
  | "access_denied"
  | "invalid_request"
  | "scope_changed"
  | "reference_not_allowed"
  | "invalid_reference"
  | "invalid_configuration"
  | "provider_error"
  | "agent_unavailable";

/**
 * How the APIs report it (lib/api/problem.ts): unavailable → 503; a request the provider found malformed (a stale
 * page token) → 400; any other refusal by the provider → 403. Only "unavailable" lets the cache serve a stale value.
 */
export type SecretsErrorCategory = "authorization" | "authentication" | "unavailable" | "configuration" | "invalid_request";

export interface SecretsErrorInit {
  code: SecretsErrorCode;
  category: SecretsErrorCategory;
  message: string;
  /** What the admin should change, in their language. */
  fix: string;
  /** A command to copy and run with the provider's own tools; prefilled, free of secrets. */
  command?: string;
  /** e.g. a policy statement to add. */
  snippet?: string;
  retryable?: boolean;
  /** The permission that is missing, when the provider told us. */
  permission?: string;
  /** Closest names the provider has, for not-found. */
  suggestions?: string[];
  /** The reference (never its value) this error is about. */
  reference?: string;
  /** How long the provider asked us to wait before trying again (Retry-After), when it said. */
  retryAfterMs?: number;
}

// Next builds route handlers and pages into separate chunk graphs, each with its own copy of this module,
// while provider instances live on globalThis (lib/services/secrets/runtime.ts) and are shared between them. A
// SecretsError thrown by a provider built in one graph must still be recognised in the other, so identity is
// a registry symbol rather than the class object.
const SECRETS_ERROR = Symbol.for("keyhold.SecretsError");

export class SecretsError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [SECRETS_ERROR]?: unknown })[SECRETS_ERROR] === true;
  }

  readonly [SECRETS_ERROR] = true;
  readonly code: SecretsErrorCode;
  readonly category: SecretsErrorCategory;
  readonly fix: string;
  readonly command?: string;
  readonly snippet?: string;
  readonly retryable: boolean;
  readonly permission?: string;
  readonly suggestions?: string[];
  readonly reference?: string;
  readonly retryAfterMs?: number;

  constructor(init: SecretsErrorInit) {
    super(init.message);
    this.name = "SecretsError";
    this.code = init.code;
    this.category = init.category;
    this.fix = init.fix;
    this.command = init.command;
    this.snippet = init.snippet;
    this.retryable = init.retryable ?? false;
    this.permission = init.permission;
    this.suggestions = init.suggestions;
    this.reference = init.reference;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The same error, about one reference. */
  forReference(reference: string): SecretsError {
    return new SecretsError({ ...this.toJSON(), reference });
  }

  /** Plain, serializable, value-free: what UIs and APIs show. */
  toJSON(): SecretsErrorInit {
    return {
      code: this.code,
      category: this.category,
      message: this.message,
      fix: this.fix,
      command: this.command,
      snippet: this.snippet,
      retryable: this.retryable,
      permission: this.permission,
      suggestions: this.suggestions,
      reference: this.reference,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

export function isSecretsError(err: unknown): err is SecretsError {
  return err instanceof SecretsError;
}

const SCRUBBERS: Array<[RegExp, string]> = [
  [/\b(request[ -]?id|x-amz-request-id|x-ms-request-id|correlation[ -]?id|trace[ -]?id)\s*[:=]\s*[\w-]+/gi, "$1: [redacted]"],
  [/\b(Signature|X-Amz-Signature|X-Amz-Security-Token|sig|client_secret|secret_id|access_token|token)=[^&\s"']+/gi, "$1=[redacted]"],
  [/\bBearer\s+[\w.~+/=-]+/gi, "Bearer [redacted]"],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, "[redacted-jwt]"],
  [/\b(hv[sbr])\.[\w-]{8,}/g, "$1.[redacted]"],
  [/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, "[redacted-access-key]"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "[id]"],
  [/\b[A-Za-z0-9+/]{40,}={0,2}/g, "[redacted]"],
];

// What a client library says about itself rather than what the provider said: a JSON parser choking on a
// proxy's HTML page, the SDK's hint about its hidden fields, a TypeError from reading a missing body.
const SDK_INTERNALS =
  /Deserialization error|\$response|SyntaxError|Unexpected token|Unexpected end of JSON|is not valid JSON|Cannot read propert|undefined \(reading/i;

/**
 * Strips request ids, signatures, tokens and long opaque strings from a provider's error text; text that is
 * the client library talking about itself (not the provider's answer) is dropped whole (it goes to the log).
 */
export function sanitizeProviderText(text: string): string {
  return SDK_INTERNALS.test(text) ? "the answer could not be read" : scrubProviderText(text);
}

/** The scrubber alone, for the server log, where the client library's own text is worth keeping. */
export function scrubProviderText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SCRUBBERS) out = out.replace(pattern, replacement);
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

// ---- Shared constructors (provider-specific ones live beside each provider) ----

export function notFound(what: string, suggestions: string[] = [], command?: string): SecretsError {
  const hint = suggestions.length ? ` Closest names: ${suggestions.join(", ")}.` : "";
  return new SecretsError({
    code: "not_found",
    category: "authorization",
    message: `Secret not found: ${what}.${hint}`,
    fix: "Check the name (or ARN) for typos, and that the secret exists in the configured account, vault or project.",
    suggestions,
    command,
  });
}

export function keyNotFound(key: string, secret: string, availableKeys: string[]): SecretsError {
  const keys = availableKeys.length ? ` It has: ${availableKeys.join(", ")}.` : " It is not a key/value secret.";
  return new SecretsError({
    code: "key_not_found",
    category: "authorization",
    message: `Key "${key}" not found in secret ${secret}.${keys}`,
    fix: "Use one of the secret's key names in the reference, or add the key to the secret.",
    suggestions: availableKeys,
  });
}

export function versionDisabled(what: string, command?: string): SecretsError {
  return new SecretsError({
    code: "version_disabled",
    category: "authorization",
    message: `The requested version of ${what} is disabled.`,
    fix: "Enable the version at the provider, or reference an enabled version explicitly. Keyhold never falls back to another version.",
    command,
  });
}

export function throttled(provider: string): SecretsError {
  return new SecretsError({
    code: "throttled",
    category: "unavailable",
    message: `${provider} is throttling requests.`,
    fix: "Wait and retry; if it persists, raise the cache TTL so fewer requests reach the provider.",
    retryable: true,
  });
}

export function unavailable(provider: string, detail?: string): SecretsError {
  return new SecretsError({
    code: "unavailable",
    category: "unavailable",
    message: `${provider} is unavailable${detail ? `: ${sanitizeProviderText(detail)}` : ""}.`,
    fix: "Check the provider's status and the network path (endpoint, proxy, firewall) from the Keyhold server.",
    retryable: true,
  });
}

export function timedOut(provider: string, ms: number): SecretsError {
  return new SecretsError({
    code: "timeout",
    category: "unavailable",
    message: `${provider} did not answer within ${Math.round(ms / 1000)} s.`,
    fix: "Check the network path from the Keyhold server to the provider's endpoint.",
    retryable: true,
  });
}

export function invalidConfiguration(message: string, fix: string): SecretsError {
  return new SecretsError({ code: "invalid_configuration", category: "configuration", message, fix });
}

/**
 * A configuration routed through an on-prem group (docs/agent.md) whose agents cannot carry the request: none
 * connected, or none answered. Its own code, naming the group, so the admin is sent to the agent rather than to
 * the provider; "unavailable" so that the outage grace still serves cached values meanwhile.
 */
export function agentUnavailable(message: string): SecretsError {
  return new SecretsError({
    code: "agent_unavailable",
    category: "unavailable",
    message,
    fix: "Start (or restart) an agent with a key of this on-prem group inside the network that reaches the provider; the admin page On-prem groups shows which agents are connected.",
  });
}

export function providerError(provider: string, detail: string): SecretsError {
  return new SecretsError({
    code: "provider_error",
    category: "unavailable",
    message: `${provider} returned an unexpected error: ${sanitizeProviderText(detail)}`,
    fix: "Retry; if it persists, check the provider configuration and the provider's status.",
  });
}

export function scopeChanged(reference: string): SecretsError {
  return new SecretsError({
    code: "scope_changed",
    category: "configuration",
    message: "This reference was saved under a secrets configuration that is no longer active (the scope was switched or the provider replaced).",
    fix: 'Re-point it: open the connection and save the field again under the active configuration, or use "Re-point references" in Secrets management.',
    reference,
  });
}

/**
 * The reference policy of the active configuration does not allow this secret to go to this destination
 * (docs/threat-model.md "Reference policy"). Raised before any provider call.
 */
export function referenceNotAllowed(reference: string, destination: string, policyOwner: string, approver: string): SecretsError {
  return new SecretsError({
    code: "reference_not_allowed",
    category: "authorization",
    message: `The secret is not allowed to be sent to ${destination} by the reference policy of ${policyOwner}.`,
    fix: `Ask ${approver} to add an entry for this secret and destination to the reference policy (Secrets management › Reference policy).`,
    reference,
  });
}
