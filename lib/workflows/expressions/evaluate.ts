// Runtime expressions (jq, strict mode: a string is an expression only when it is entirely `${ … }`).
// Data travels as `$__in` and each argument the filter names as its own `--argjson`, so a filter that
// does not mention `$context` does not pay for serialising it.
import { workflowError } from "../errors";
import { expressionBody, isExpression, substitutePlain } from "../secret-refs";
import { JqFailure, type JqPool } from "./pool";

export interface Evaluator {
  pool: JqPool;
  timeoutMs: number;
}

/** Expression arguments (`$input`, `$context`, `$item`…), by name without the `$`. */
export type ExprVars = Readonly<Record<string, unknown>>;

export async function evaluateExpression(ev: Evaluator, body: string, data: unknown, vars: ExprVars): Promise<unknown> {
  const args: Record<string, string> = { __in: JSON.stringify(data ?? null) };
  for (const name of Object.keys(vars)) {
    if (new RegExp(`\\$${name}(?![A-Za-z0-9_])`).test(body)) args[name] = JSON.stringify(vars[name] ?? null);
  }
  let out: string;
  try {
    out = await ev.pool.run(`$__in | (${body}\n)`, args, ev.timeoutMs);
  } catch (err) {
    if (err instanceof JqFailure) throw workflowError("expression", `Expression failed: ${tidy(err.message)}`);
    throw err;
  }
  const lines = out.split("\n").filter((l) => l.length > 0);
  const values = lines.map((l) => JSON.parse(l) as unknown);
  if (values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}

/** jq's messages carry shell hints and the wrapper's own text; keep what helps the author. */
function tidy(message: string): string {
  return message
    .replace(/ \(Unix shell quoting issues\?\)/g, "")
    .replace(/\$__in \| \(/g, "")
    .replace(/^Failed to execute raw query: /, "")
    .split("\n")[0]!
    .slice(0, 500);
}

/** Evaluates `value` if it is an expression string, else returns it unchanged. */
export async function evaluateValue(ev: Evaluator, value: unknown, data: unknown, vars: ExprVars): Promise<unknown> {
  return typeof value === "string" && isExpression(value) ? evaluateExpression(ev, expressionBody(value), data, vars) : value;
}

export async function evaluateCondition(ev: Evaluator, value: unknown, data: unknown, vars: ExprVars): Promise<boolean> {
  const result = await evaluateValue(ev, value, data, vars);
  if (typeof result !== "boolean") throw workflowError("expression", `A condition must evaluate to true or false, not ${JSON.stringify(result)?.slice(0, 40)}`);
  return result;
}

export interface DeepOptions {
  /** Values for `$SECRETS.<name>` in plain strings; only where the placement rules allow secrets. */
  plainSecrets?: Readonly<Record<string, string>>;
}

/** Evaluates every expression inside an object/array; plain strings get `$SECRETS` substitution if allowed. */
export async function evaluateDeep(ev: Evaluator, value: unknown, data: unknown, vars: ExprVars, options: DeepOptions = {}): Promise<unknown> {
  if (typeof value === "string") {
    if (isExpression(value)) return evaluateExpression(ev, expressionBody(value), data, vars);
    return options.plainSecrets ? substitutePlain(value, options.plainSecrets) : value;
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => evaluateDeep(ev, v, data, vars, options)));
  if (value && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await evaluateDeep(ev, v, data, vars, options)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}
