// Test helper: validate a workflow body (failing loudly on any problem) and run it to the end.
import { runToEnd, validate, type ResolveSecrets, type RunOptions, type SecretOutcome } from "@/lib/workflows";

export const WORKFLOW_HEAD = "document: { dsl: '1.0.0', namespace: test, name: t, version: '1.0.0' }\n";

export function secretsFrom(values: Record<string, string | SecretOutcome>): ResolveSecrets & { calls: string[][] } {
  const calls: string[][] = [];
  const fn: ResolveSecrets = async (names) => {
    calls.push([...names]);
    return Object.fromEntries(
      names.map((n) => {
        const v = values[n];
        return [n, v === undefined ? { status: "undefined" as const } : typeof v === "string" ? { status: "ok" as const, value: v } : v];
      }),
    );
  };
  return Object.assign(fn, { calls });
}

export function parseWorkflow(body: string) {
  const { workflow, problems } = validate(`${WORKFLOW_HEAD}${body}`);
  const errors = problems.filter((p) => p.severity === "error");
  if (!workflow || errors.length > 0) throw new Error(`invalid test workflow: ${JSON.stringify(errors)}`);
  return workflow;
}

export function runBody(body: string, input: unknown = {}, options: Partial<RunOptions> = {}) {
  // A generous expression limit: the CI machine is shared; tests of the limit itself set their own.
  const limits = { expressionTimeoutMs: 5000, ...options.limits };
  return runToEnd(parseWorkflow(body), input, { resolveSecrets: secretsFrom({}), fetch, ...options, limits });
}
