// What every task of one run shares: limits, the scrubber, the secret store, the expression evaluator,
// `$context`, and the event sink. Nothing here outlives the run except an injected token cache.
import type { Evaluator, ExprVars } from "../expressions/evaluate";
import type { Scrubber } from "../scrub";
import type { LogEntry, RunLimits, RunOptions, TaskDef, TokenCache, TraceEvent, Workflow } from "../types";
import type { SecretStore } from "./secrets";

export const DEFAULT_LIMITS: RunLimits = {
  expressionTimeoutMs: 1000,
  httpTimeoutMs: 30_000,
  runTimeoutMs: 300_000,
  maxForIterations: 1000,
  maxWaitMs: 60_000,
  maxRetryAttempts: 5,
  maxTasks: 10_000,
  maxResponseBytes: 5 * 1024 * 1024,
};

/** Emitted without `at`; the run stamps and scrubs every event. */
export type PendingEvent = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, "at"> : never) : never;

export interface RunContext {
  workflow: Workflow;
  options: RunOptions;
  limits: RunLimits;
  scrubber: Scrubber;
  secrets: SecretStore;
  ev: Evaluator;
  tokens: TokenCache;
  /** `$context`, changed by `export.as`. */
  context: unknown;
  /** `$workflow` and `$runtime`, fixed for the run. */
  base: { workflow: unknown; runtime: unknown };
  tasksRun: number;
  emit(event: PendingEvent): void;
  log(entry: LogEntry): void;
}

/** Per task: where it is, its input, and the arguments its enclosing tasks add (`$item`, `$error`…). */
export interface TaskScope {
  pointer: string;
  name: string;
  task: TaskDef;
  input: unknown;
  signal: AbortSignal;
  extra: ExprVars;
}

export function exprVars(ctx: RunContext, scope: TaskScope, more: ExprVars = {}): ExprVars {
  return {
    ...scope.extra,
    input: scope.input,
    context: ctx.context,
    workflow: ctx.base.workflow,
    runtime: ctx.base.runtime,
    task: { name: scope.name, reference: scope.pointer, input: scope.input },
    ...more,
  };
}

export class MemoryTokenCache implements TokenCache {
  private readonly map = new Map<string, { token: string; expiresAt: number }>();
  get(key: string) {
    const hit = this.map.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit;
    this.map.delete(key);
    return undefined;
  }
  set(key: string, value: { token: string; expiresAt: number }) {
    this.map.set(key, value);
  }
}
