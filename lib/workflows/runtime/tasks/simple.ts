// set, raise, switch and wait (DSL 1.0.0 reference): tasks that neither nest nor leave the process.
import { type Problem, WorkflowError, workflowError } from "../../errors";
import { evaluateCondition, evaluateDeep } from "../../expressions/evaluate";
import { exprVars, type RunContext, type TaskScope } from "../context";
import { durationMs, sleep } from "../duration";
import type { Executed } from "../execute";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export async function runSet(ctx: RunContext, scope: TaskScope): Promise<unknown> {
  return evaluateDeep(ctx.ev, scope.task.set, scope.input, exprVars(ctx, scope));
}

export async function runRaise(ctx: RunContext, scope: TaskScope): Promise<never> {
  const raise = scope.task.raise as Obj;
  let def = raise.error;
  if (typeof def === "string") {
    const errors = isObj(ctx.workflow.use) && isObj((ctx.workflow.use as Obj).errors) ? ((ctx.workflow.use as Obj).errors as Obj) : {};
    if (!isObj(errors[def])) throw workflowError("configuration", `No error named '${def}' under use.errors.`);
    def = errors[def];
  }
  const e = (await evaluateDeep(ctx.ev, def, scope.input, exprVars(ctx, scope))) as Obj;
  const problem: Problem = {
    type: String(e.type),
    status: typeof e.status === "number" ? e.status : Number(e.status),
    ...(e.title !== undefined ? { title: String(e.title) } : {}),
    ...(e.detail !== undefined ? { detail: String(e.detail) } : {}),
    instance: typeof e.instance === "string" ? e.instance : scope.pointer,
  };
  throw new WorkflowError(problem);
}

export async function runSwitch(ctx: RunContext, scope: TaskScope): Promise<Executed> {
  const cases = scope.task.switch as Record<string, Obj>[];
  for (const item of cases) {
    const [, c] = Object.entries(item)[0] as [string, Obj];
    if (c.when === undefined || (await evaluateCondition(ctx.ev, c.when, scope.input, exprVars(ctx, scope)))) {
      const then = c.then;
      const flow = then === undefined || then === "continue" ? "continue" : then === "exit" || then === "end" ? then : { goto: String(then) };
      return { output: scope.input, flow };
    }
  }
  return { output: scope.input };
}

export async function runWait(ctx: RunContext, scope: TaskScope): Promise<unknown> {
  const ms = durationMs(scope.task.wait);
  if (ms > ctx.limits.maxWaitMs) throw workflowError("configuration", `Waiting ${ms} ms exceeds this runtime's limit of ${ctx.limits.maxWaitMs} ms.`);
  await sleep(ms, scope.signal);
  return scope.input;
}
