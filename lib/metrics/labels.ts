// Every label value a metric may carry, as closed lists (docs/operations.md "Metrics"). A recorder maps
// whatever it is handed onto one of these, and anything else becomes "other": a secret's name, a value, an id
// or a user-raised workflow error type can never become a label, and the series count stays bounded.

export const PROVIDERS = ["aws", "azure", "vault", "gcp"] as const;
export const PROVIDER_OPERATIONS = ["test", "list", "fetch", "metadata"] as const;
/** "ok", or the SecretsError category that failed the call. */
export const PROVIDER_OUTCOMES = ["ok", "authorization", "authentication", "unavailable", "configuration", "invalid_request", "other"] as const;
export const RESOLUTION_OUTCOMES = ["cache_hit", "cache_miss", "stale_served", "denied", "failed"] as const;
export const CHECK_KINDS = ["test", "refresh"] as const;
export const CHECK_OUTCOMES = ["ok", "degraded", "failed"] as const;
export const RUN_OUTCOMES = ["completed", "faulted", "cancelled", "other"] as const;
/** The Serverless Workflow standard error kinds; a user-defined error type is "other". */
export const TASK_ERROR_TYPES = [
  "configuration",
  "validation",
  "expression",
  "authentication",
  "authorization",
  "timeout",
  "communication",
  "runtime",
  "other",
] as const;
export const AGENT_JOB_OUTCOMES = ["ok", "failed", "timeout", "other"] as const;
export const SIGN_IN_FAILURES = ["bad_credentials", "throttled", "other"] as const;

export type Provider = (typeof PROVIDERS)[number];
export type ProviderOperation = (typeof PROVIDER_OPERATIONS)[number];
export type ProviderOutcome = (typeof PROVIDER_OUTCOMES)[number];
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];
export type CheckKind = (typeof CHECK_KINDS)[number];
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
export type TaskErrorType = (typeof TASK_ERROR_TYPES)[number];
export type AgentJobOutcome = (typeof AGENT_JOB_OUTCOMES)[number];
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

/** The value if the list holds it, else the list's fallback (its last entry, or the given one). */
export function closed<const T extends readonly string[]>(list: T, value: unknown, fallback?: T[number]): T[number] {
  if (typeof value === "string" && (list as readonly string[]).includes(value)) return value as T[number];
  return fallback ?? (list.at(-1) as T[number]);
}

const STANDARD_ERROR_PREFIX = "https://serverlessworkflow.io/spec/1.0.0/errors/";

/** A workflow Problem's type URI as a bounded label: the standard kinds by name, anything else "other". */
export function taskErrorType(typeUri: unknown): TaskErrorType {
  if (typeof typeUri !== "string" || !typeUri.startsWith(STANDARD_ERROR_PREFIX)) return "other";
  return closed(TASK_ERROR_TYPES, typeUri.slice(STANDARD_ERROR_PREFIX.length));
}
