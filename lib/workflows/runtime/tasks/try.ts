// try/catch (DSL 1.0.0 "Try"): an error matching `catch.errors.with` and `when`/`exceptWhen` is caught;
// with a `retry` policy the try block runs again (attempts and delays bounded by the run's limits),
// otherwise `catch.do` runs with the error available as `$<as>` (default `$error`).
import { type Problem, WorkflowError, workflowError } from "../../errors";
import { evaluateCondition } from "../../expressions/evaluate";
import { exprVars, type RunContext, type TaskScope } from "../context";
import { durationMs, sleep } from "../duration";
import type { Executed } from "../execute";
import { runList, Stop } from "../task";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function matches(filter: unknown, problem: Problem): boolean {
  if (!isObj(filter) || !isObj(filter.with)) return true;
  const w = filter.with;
  if (w.type !== undefined && w.type !== problem.type) return false;
  if (w.status !== undefined && Number(w.status) !== problem.status) return false;
  if (w.title !== undefined && w.title !== problem.title) return false;
  if (w.details !== undefined && w.details !== problem.detail) return false;
  if (typeof w.instance === "string" && problem.instance !== w.instance && !problem.instance?.startsWith(`${w.instance}/`)) return false;
  return true;
}

function retryPolicy(ctx: RunContext, retry: unknown): Obj | null {
  if (typeof retry === "string") {
    const retries = isObj(ctx.workflow.use) && isObj((ctx.workflow.use as Obj).retries) ? ((ctx.workflow.use as Obj).retries as Obj) : {};
    if (!isObj(retries[retry])) throw workflowError("configuration", `No retry policy named '${retry}' under use.retries.`);
    return retries[retry] as Obj;
  }
  return isObj(retry) ? retry : null;
}

function retryDelay(policy: Obj, attempt: number, maxMs: number): number {
  const base = policy.delay !== undefined ? durationMs(policy.delay) : 0;
  const backoff = isObj(policy.backoff) ? policy.backoff : {};
  const factor = backoff.exponential !== undefined ? 2 ** (attempt - 1) : backoff.linear !== undefined ? attempt : 1;
  let ms = base * factor;
  if (isObj(policy.jitter)) ms += Math.random() * Math.max(0, durationMs(policy.jitter.to) - durationMs(policy.jitter.from)) + durationMs(policy.jitter.from);
  return Math.min(ms, maxMs);
}

function attemptLimit(policy: Obj, max: number): number {
  const limit = isObj(policy.limit) ? policy.limit : {};
  const attempt = isObj(limit.attempt) ? limit.attempt : {};
  return Math.min(typeof attempt.count === "number" ? attempt.count : max, max);
}

export async function runTry(ctx: RunContext, scope: TaskScope): Promise<Executed> {
  const c = isObj(scope.task.catch) ? scope.task.catch : {};
  const as = typeof c.as === "string" ? c.as : "error";
  const policy = retryPolicy(ctx, c.retry);
  for (let attempt = 1; ; attempt++) {
    try {
      const { output, end } = await runList(ctx, scope.task.try, `${scope.pointer}/try`, scope.input, scope.signal, scope.extra);
      return end ? { output, flow: "end" } : { output };
    } catch (err) {
      if (err instanceof Stop || !(err instanceof WorkflowError)) throw err;
      const problem = err.problem;
      const vars = exprVars(ctx, scope, { [as]: problem });
      if (!matches(c.errors, problem)) throw err;
      if (c.when !== undefined && !(await evaluateCondition(ctx.ev, c.when, scope.input, vars))) throw err;
      if (c.exceptWhen !== undefined && (await evaluateCondition(ctx.ev, c.exceptWhen, scope.input, vars))) throw err;
      if (policy && (await shouldRetry(ctx, scope, policy, attempt, vars))) {
        ctx.emit({ type: "task.retried", task: scope.pointer, attempt, error: problem });
        await sleep(retryDelay(policy, attempt, ctx.limits.maxWaitMs), scope.signal);
        continue;
      }
      if (policy && c.do === undefined) throw err;
      if (c.do === undefined) return { output: scope.input };
      const extra = { ...scope.extra, [as]: problem };
      const { output, end } = await runList(ctx, c.do, `${scope.pointer}/catch/do`, scope.input, scope.signal, extra);
      return end ? { output, flow: "end" } : { output };
    }
  }
}

async function shouldRetry(ctx: RunContext, scope: TaskScope, policy: Obj, attempt: number, vars: Record<string, unknown>): Promise<boolean> {
  if (attempt > attemptLimit(policy, ctx.limits.maxRetryAttempts)) return false;
  if (policy.when !== undefined && !(await evaluateCondition(ctx.ev, policy.when, scope.input, vars))) return false;
  if (policy.exceptWhen !== undefined && (await evaluateCondition(ctx.ev, policy.exceptWhen, scope.input, vars))) return false;
  return true;
}
