// The engine's public types. Workflows are the plain objects `validate` returns; the engine reads them
// defensively (the SDK schema and Keyhold's rules have already been applied).
import type { Problem } from "./errors";

/** A workflow definition that passed `validate` (DSL 1.0.0 + Keyhold's rules). */
export type Workflow = Readonly<Record<string, unknown>> & { readonly __validated: unique symbol };

export type TaskDef = Record<string, unknown>;
/** One entry of a task list: `{ <name>: <task> }`. */
export type TaskItem = Record<string, TaskDef>;

export interface ValidationProblem {
  severity: "error" | "warning";
  message: string;
  /** JSON pointer into the definition, e.g. `/do/0/callApi/with/headers`. */
  pointer: string;
  /** 1-based position in the YAML/JSON text. */
  line: number;
  column: number;
}

export interface ValidationResult {
  /** Present when there is no error-severity problem. */
  workflow: Workflow | null;
  problems: ValidationProblem[];
  /** For the documentation's older form: the same workflow written in DSL 1.0.0. */
  converted?: string;
  /** Every secret name the definition reads, known before it runs. */
  secretsRead: string[];
}

/** What the product's secret resolver says about one name. Values never appear anywhere else. */
export type SecretOutcome =
  | { status: "ok"; value: string }
  /** Not defined for the project, denied by the provider, or no longer existing: authorization (403). */
  | { status: "undefined" | "denied" | "not-found"; detail?: string }
  /** Provider outage with no usable cached value: communication (503). */
  | { status: "unavailable"; detail?: string };

export type ResolveSecrets = (names: readonly string[], signal: AbortSignal) => Promise<Readonly<Record<string, SecretOutcome>>>;

export interface LogEntry {
  level: "error" | "info";
  message: string;
  /** JSON pointer of the task that logged. */
  task: string;
  data?: unknown;
}

export interface RunLimits {
  /** Per jq evaluation (default 1 000 ms). */
  expressionTimeoutMs: number;
  /** Per HTTP request, token requests included (default 30 000 ms). */
  httpTimeoutMs: number;
  /** Whole run, unless the workflow's own timeout is shorter (default 300 000 ms). */
  runTimeoutMs: number;
  /** Items a `for` may iterate (default 1 000). */
  maxForIterations: number;
  /** Longest `wait` and longest retry delay (default 60 000 ms). */
  maxWaitMs: number;
  /** Retries per `try`, whatever the policy says (default 5). */
  maxRetryAttempts: number;
  /** Tasks executed per run; bounds loops made with `then: <earlier task>` (default 10 000). */
  maxTasks: number;
  /** Largest HTTP response body read (default 5 MiB). */
  maxResponseBytes: number;
}

export interface DestinationCheck {
  /** Scheme, host and path only: the query may carry secret values. */
  url: string;
  method: string;
  /** The request carries a secret value or a credential derived from one (headers, query, body, auth). */
  secretBearing: boolean;
  /** Names of the workflow secrets the request carries (or that derived its credential): what a binding is checked for. */
  secrets: string[];
  /** JSON pointer of the calling task. */
  task: string;
}

export interface TokenCache {
  get(key: string): { token: string; expiresAt: number } | undefined;
  set(key: string, value: { token: string; expiresAt: number }): void;
}

export interface RunOptions {
  resolveSecrets: ResolveSecrets;
  /** Every HTTP request goes through it (the product's egress-checked fetch). A WorkflowError it throws is raised as-is. */
  fetch: typeof fetch;
  /**
   * Called before every request (token requests included) with whether it carries a secret. Throwing refuses
   * the request: a WorkflowError is raised as-is, anything else as the authorization error (403).
   */
  checkDestination?: (request: DestinationCheck) => void | Promise<void>;
  log?: (entry: LogEntry) => void;
  signal?: AbortSignal;
  limits?: Partial<RunLimits>;
  /** OAuth2 tokens; defaults to one cache per run. Share one to reuse tokens across runs for their lifetime. */
  tokenCache?: TokenCache;
  /** Run id exposed as `$workflow.id`. */
  runId?: string;
  /** The jq pool; defaults to the process-wide one. */
  expressions?: import("./expressions/pool").JqPool;
}

interface EventBase {
  /** Milliseconds since the epoch. */
  at: number;
}

export type TraceEvent =
  | (EventBase & { type: "workflow.started" })
  | (EventBase & { type: "task.started"; task: string; name: string })
  | (EventBase & { type: "task.skipped"; task: string; name: string })
  | (EventBase & { type: "task.completed"; task: string; name: string; durationMs: number; output: unknown })
  | (EventBase & { type: "task.faulted"; task: string; name: string; durationMs: number; error: Problem })
  | (EventBase & { type: "task.retried"; task: string; attempt: number; error: Problem })
  | (EventBase & { type: "secret.read"; task: string; names: string[]; ok: boolean })
  | (EventBase & { type: "log"; entry: LogEntry })
  | (EventBase & { type: "workflow.completed"; durationMs: number; output: unknown })
  | (EventBase & { type: "workflow.faulted"; durationMs: number; error: Problem })
  | (EventBase & { type: "workflow.cancelled"; durationMs: number });

export type RunResult = { status: "completed"; output: unknown } | { status: "faulted"; error: Problem } | { status: "cancelled" };
