// `call: <function>` from the built-in catalog (docs/workflows.md "Function catalog"). Logging functions
// write to the run log and pass their input through, so a handler that logs does not erase the data.
import { workflowError } from "../../errors";
import { evaluateDeep } from "../../expressions/evaluate";
import { isCatalogFunction } from "../../catalog";
import { exprVars, type RunContext, type TaskScope } from "../context";

export async function runCallFunction(ctx: RunContext, scope: TaskScope, name: string): Promise<unknown> {
  if (!isCatalogFunction(name)) throw workflowError("configuration", `Unknown function '${name}'.`);
  const args = (await evaluateDeep(ctx.ev, scope.task.with ?? {}, scope.input, exprVars(ctx, scope))) as Record<string, unknown>;
  const { message, ...data } = args ?? {};
  ctx.log({
    level: name === "logError" ? "error" : "info",
    message: typeof message === "string" ? message : JSON.stringify(message ?? name),
    task: scope.pointer,
    ...(Object.keys(data).length > 0 ? { data } : {}),
  });
  return scope.input;
}
