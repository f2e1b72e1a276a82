// One task's life (DSL 1.0.0 "Task"): `if` → `input.from` → execute under its timeout → `output.as` →
// `export.as` → `then`. Events go out scrubbed; errors leave as WorkflowErrors whose `instance` is the task.
import { toWorkflowError, workflowError } from "../errors";
import { evaluateCondition, evaluateDeep } from "../expressions/evaluate";
import type { TaskDef, TaskItem } from "../types";
import { exprVars, type RunContext, type TaskScope } from "./context";
import { durationMs } from "./duration";
import { executeTask } from "./execute";

export type Flow = "continue" | "exit" | "end" | { goto: string };

export interface TaskOutcome {
  output: unknown;
  flow: Flow;
}

/** Thrown through every level when the run is cancelled or times out; never caught by `try`. */
export class Stop extends Error {
  constructor(readonly reason: "cancelled" | "timeout") {
    super(reason);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function timeoutOf(ctx: RunContext, task: TaskDef): number | null {
  let t = task.timeout;
  if (typeof t === "string") {
    const named = isObj(ctx.workflow.use) && isObj((ctx.workflow.use as Obj).timeouts) ? ((ctx.workflow.use as Obj).timeouts as Obj)[t] : undefined;
    if (!named) throw workflowError("configuration", `No timeout named '${t}' under use.timeouts.`);
    t = named;
  }
  return isObj(t) ? durationMs(t.after) : null;
}

function flowOf(then: unknown): Flow {
  if (then === undefined || then === "continue") return "continue";
  if (then === "exit" || then === "end") return then;
  return { goto: String(then) };
}

export async function runTask(ctx: RunContext, scope: TaskScope): Promise<TaskOutcome> {
  const { task, pointer, name } = scope;
  if (scope.signal.aborted) throw scope.signal.reason instanceof Stop ? scope.signal.reason : new Stop("cancelled");
  if (++ctx.tasksRun > ctx.limits.maxTasks) throw workflowError("runtime", `The run executed more than ${ctx.limits.maxTasks} tasks.`, { instance: pointer });
  const started = performance.now();
  try {
    if (task.if !== undefined && !(await evaluateCondition(ctx.ev, task.if, scope.input, exprVars(ctx, scope)))) {
      ctx.emit({ type: "task.skipped", task: pointer, name });
      return { output: scope.input, flow: "continue" };
    }
    ctx.emit({ type: "task.started", task: pointer, name });
    const rawInput = scope.input;
    const input = isObj(task.input) && task.input.from !== undefined ? await evaluateDeep(ctx.ev, task.input.from, rawInput, exprVars(ctx, scope)) : rawInput;
    const inner: TaskScope = { ...scope, input };
    const limit = timeoutOf(ctx, task);
    const { output: raw, flow: own } = limit === null ? await executeTask(ctx, inner) : await withTimeout(ctx, inner, limit);
    const vars = exprVars(ctx, inner);
    const output = isObj(task.output) && task.output.as !== undefined ? await evaluateDeep(ctx.ev, task.output.as, raw, vars) : raw;
    if (isObj(task.export) && task.export.as !== undefined) ctx.context = await evaluateDeep(ctx.ev, task.export.as, output, { ...vars, output });
    ctx.emit({ type: "task.completed", task: pointer, name, durationMs: performance.now() - started, output });
    return { output, flow: own ?? flowOf(task.then) };
  } catch (err) {
    if (err instanceof Stop || scope.signal.aborted) throw err instanceof Stop ? err : new Stop("cancelled");
    const error = toWorkflowError(err, pointer);
    ctx.emit({ type: "task.faulted", task: pointer, name, durationMs: performance.now() - started, error: error.problem });
    throw error;
  }
}

async function withTimeout(ctx: RunContext, scope: TaskScope, ms: number): Promise<{ output: unknown; flow?: Flow }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(workflowError("timeout", `The task did not finish within ${ms} ms.`, { instance: scope.pointer })), ms);
  const signal = AbortSignal.any([scope.signal, controller.signal]);
  try {
    return await Promise.race([
      executeTask(ctx, { ...scope, signal }),
      new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true })),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a task list, following flow directives. `end` propagates to the workflow. */
export async function runList(
  ctx: RunContext,
  list: unknown,
  pointer: string,
  input: unknown,
  signal: AbortSignal,
  extra: TaskScope["extra"],
): Promise<{ output: unknown; end: boolean }> {
  const items = (Array.isArray(list) ? list : []) as TaskItem[];
  const names = items.map((item) => Object.keys(item)[0]!);
  let data = input;
  let i = 0;
  while (i < items.length) {
    const name = names[i]!;
    const task = items[i]![name]!;
    const { output, flow } = await runTask(ctx, { pointer: `${pointer}/${i}/${name}`, name, task, input: data, signal, extra });
    data = output;
    if (flow === "continue") i++;
    else if (flow === "exit") return { output: data, end: false };
    else if (flow === "end") return { output: data, end: true };
    else {
      i = names.indexOf(flow.goto);
      if (i < 0)
        throw workflowError("configuration", `\`then: ${flow.goto}\` names no task in the same list.`, {
          instance: `${pointer}/${names.indexOf(name)}/${name}`,
        });
    }
  }
  return { output: data, end: false };
}
