// do, for and fork: tasks made of task lists. `end` inside a nested list ends the workflow, so it comes
// back up as this task's flow.
import { workflowError } from "../../errors";
import { evaluateCondition, evaluateValue } from "../../expressions/evaluate";
import type { TaskItem } from "../../types";
import { exprVars, type RunContext, type TaskScope } from "../context";
import type { Executed } from "../execute";
import { runList, runTask } from "../task";

type Obj = Record<string, unknown>;

export async function runDo(ctx: RunContext, scope: TaskScope): Promise<Executed> {
  const { output, end } = await runList(ctx, scope.task.do, `${scope.pointer}/do`, scope.input, scope.signal, scope.extra);
  return end ? { output, flow: "end" } : { output };
}

export async function runFor(ctx: RunContext, scope: TaskScope): Promise<Executed> {
  const spec = scope.task.for as Obj;
  const each = typeof spec.each === "string" ? spec.each : "item";
  const at = typeof spec.at === "string" ? spec.at : "index";
  const collection = await evaluateValue(ctx.ev, spec.in, scope.input, exprVars(ctx, scope));
  const items = Array.isArray(collection) ? collection : collection && typeof collection === "object" ? Object.values(collection) : null;
  if (items === null) throw workflowError("expression", "`for.in` must evaluate to an array.");
  if (items.length > ctx.limits.maxForIterations)
    throw workflowError("runtime", `\`for\` over ${items.length} items exceeds this runtime's limit of ${ctx.limits.maxForIterations}.`);
  let data = scope.input;
  for (let i = 0; i < items.length; i++) {
    const extra = { ...scope.extra, [each]: items[i], [at]: i };
    const iteration: TaskScope = { ...scope, input: data, extra };
    if (scope.task.while !== undefined && !(await evaluateCondition(ctx.ev, scope.task.while, data, exprVars(ctx, iteration)))) break;
    const { output, end } = await runList(ctx, scope.task.do, `${scope.pointer}/do`, data, scope.signal, extra);
    data = output;
    if (end) return { output: data, flow: "end" };
  }
  return { output: data };
}

/** Branches run concurrently on the same input; `compete: true` keeps the first to complete and stops the rest. */
export async function runFork(ctx: RunContext, scope: TaskScope): Promise<Executed> {
  const spec = scope.task.fork as Obj;
  const branches = (Array.isArray(spec.branches) ? spec.branches : []) as TaskItem[];
  const controller = new AbortController();
  const signal = AbortSignal.any([scope.signal, controller.signal]);
  const runs = branches.map((item, i) => {
    const name = Object.keys(item)[0]!;
    return runTask(ctx, { pointer: `${scope.pointer}/fork/branches/${i}/${name}`, name, task: item[name]!, input: scope.input, signal, extra: scope.extra });
  });
  try {
    if (spec.compete === true) {
      const winner = await Promise.any(runs).catch((err: AggregateError) => {
        throw err.errors[0];
      });
      return { output: winner.output };
    }
    const done = await Promise.all(runs);
    return { output: done.map((d) => d.output) };
  } finally {
    // Losers of a competition, and siblings of a failed branch, stop here.
    controller.abort(new Error("fork settled"));
    await Promise.allSettled(runs);
  }
}
