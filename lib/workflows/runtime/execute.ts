// Dispatches a task to the executor of its kind. Validation has refused every other kind already.
import { workflowError } from "../errors";
import type { TaskScope, RunContext } from "./context";
import type { Flow } from "./task";
import { runCallFunction } from "./tasks/call-function";
import { runHttpCall } from "./tasks/http";
import { runDo, runFor, runFork } from "./tasks/composite";
import { runRaise, runSet, runSwitch, runWait } from "./tasks/simple";
import { runTry } from "./tasks/try";

export interface Executed {
  output: unknown;
  /** Overrides the task's `then` (switch cases, `end` inside a nested list). */
  flow?: Flow;
}

export async function executeTask(ctx: RunContext, scope: TaskScope): Promise<Executed> {
  const t = scope.task;
  if (t.call === "http") return { output: await runHttpCall(ctx, scope) };
  if (typeof t.call === "string") return { output: await runCallFunction(ctx, scope, t.call) };
  if (t.set !== undefined) return { output: await runSet(ctx, scope) };
  if (t.do !== undefined && t.for === undefined) return runDo(ctx, scope);
  if (t.for !== undefined) return runFor(ctx, scope);
  if (t.fork !== undefined) return runFork(ctx, scope);
  if (t.try !== undefined) return runTry(ctx, scope);
  if (t.raise !== undefined) return runRaise(ctx, scope);
  if (t.switch !== undefined) return runSwitch(ctx, scope);
  if (t.wait !== undefined) return { output: await runWait(ctx, scope) };
  throw workflowError("configuration", "This task kind is not supported by this runtime.");
}
