import "server-only";
// Executes one run the queue claimed: the engine with the project's secrets, the egress-checked fetch and the
// workflow's destination rule; the trace is stored as it comes (already scrubbed by the engine), the end is
// recorded only while this instance still holds the lease.
import { appendRunEvents, finishRun, isCancelRequested, type ClaimedRun, type RunEventInput } from "@/lib/data/workflow-runs";
import { loadEgressPolicy } from "@/lib/data/workspace-settings";
import { loadPolicyForUse, type PolicyForUse } from "@/lib/data/reference-policy-check";
import { log as appLog } from "@/lib/log";
import { recordWorkflowRun } from "@/lib/metrics/record";
import { run, validate, workflowError, type RunLimits, type TraceEvent } from "@/lib/workflows";
import { destinationChecker, type SecretReferences } from "./destinations";
import { egressCheckedFetch } from "./egress-fetch";
import { projectSecretResolver, type ProjectSecretResolver } from "./secrets";

const CANCEL_POLL_MS = 500;
const FLUSH_EVERY = 20;

export interface ExecuteOptions {
  /** Replaces the egress-checked fetch (tests with local targets that the egress policy would refuse). */
  fetch?: typeof fetch;
  /** Engine limits other than the run timeout (tests on a shared machine give jq more time). */
  limits?: Partial<RunLimits>;
}

export async function executeRun(claimed: ClaimedRun, owner: string, options: ExecuteOptions = {}): Promise<void> {
  const secrets = projectSecretResolver(claimed);
  const { workflow, problems } = validate(claimed.source);
  if (!workflow) {
    const first = problems.find((p) => p.severity === "error");
    const error = workflowError("validation", `The saved definition no longer validates: ${first?.message ?? "unknown problem"}`).problem;
    await finishRun(claimed.id, owner, { status: "faulted", error, secretsRead: [] });
    recordWorkflowRun(claimed.workspaceId, "faulted");
    return;
  }
  const cancel = new AbortController();
  const poll = setInterval(() => {
    isCancelRequested(claimed.id)
      .then((yes) => yes && cancel.abort())
      .catch(() => undefined);
  }, CANCEL_POLL_MS);
  const buffer: RunEventInput[] = [];
  let seq = 0;
  // The faulted tasks' error types, for the metrics (labels.ts keeps them to the standard kinds).
  const taskErrors: string[] = [];
  try {
    const fetchImpl = options.fetch ?? egressCheckedFetch(await loadEgressPolicy(claimed.workspaceId));
    const trace = run(workflow, claimed.input, {
      resolveSecrets: secrets.resolveSecrets,
      fetch: fetchImpl,
      checkDestination: destinationChecker({ allowedHosts: claimed.allowedHosts, bindings: claimed.bindings, referencesOf: referencesFor(secrets) }),
      signal: cancel.signal,
      limits: { ...options.limits, runTimeoutMs: claimed.timeoutMs },
      runId: claimed.id,
    });
    let step = await trace.next();
    while (!step.done) {
      if (step.value.type === "task.faulted") taskErrors.push(step.value.error.type);
      buffer.push(toRow(++seq, step.value));
      if (buffer.length >= FLUSH_EVERY) await appendRunEvents(claimed.id, buffer.splice(0));
      step = await trace.next();
    }
    await appendRunEvents(claimed.id, buffer.splice(0));
    const result = step.value;
    const secretsRead = secrets.read().map(({ name, references }) => ({ name, references }));
    const outcome =
      result.status === "completed"
        ? { status: result.status, output: result.output, secretsRead }
        : result.status === "faulted"
          ? { status: result.status, error: result.error, secretsRead }
          : { status: result.status, secretsRead };
    if (!(await finishRun(claimed.id, owner, outcome)))
      appLog.warn({ runId: claimed.id }, "Workflow run finished after its lease expired; its end was not recorded");
    else recordWorkflowRun(claimed.workspaceId, result.status, taskErrors);
  } finally {
    clearInterval(poll);
  }
}

/** What the destination rules need about a secret: its references and their policy (loaded once per run). */
function referencesFor(secrets: ProjectSecretResolver): (name: string) => Promise<SecretReferences> {
  const policies = new Map<number, Promise<PolicyForUse>>();
  return async (name) => {
    const source = secrets.referencesOf(name);
    // Fail closed: a name the run did not read through this resolver is refused by the policy check.
    if (!source) return { policy: null, refs: [{ reference: name, identity: "" }] };
    if (source.configId === null || source.refs.length === 0) return { policy: null, refs: [] };
    if (!policies.has(source.configId)) policies.set(source.configId, loadPolicyForUse(source.configId));
    return { policy: await policies.get(source.configId)!, refs: source.refs };
  };
}

function toRow(seq: number, e: TraceEvent): RunEventInput {
  const at = new Date(e.at);
  switch (e.type) {
    case "task.started":
    case "task.skipped":
      return { seq, task: e.task, kind: e.type, at, status: e.type === "task.started" ? "running" : "skipped" };
    case "task.completed":
      return { seq, task: e.task, kind: e.type, at, durationMs: e.durationMs, status: "completed", output: e.output };
    case "task.faulted":
      return { seq, task: e.task, kind: e.type, at, durationMs: e.durationMs, status: "faulted", error: e.error };
    case "task.retried":
      return { seq, task: e.task, kind: e.type, at, status: `retry ${e.attempt}`, error: e.error };
    case "secret.read":
      return { seq, task: e.task, kind: e.type, at, status: e.ok ? "ok" : "failed", output: { names: e.names } };
    case "log":
      return { seq, task: e.entry.task, kind: e.type, at, status: e.entry.level, output: { message: e.entry.message, data: e.entry.data ?? null } };
    case "workflow.started":
      return { seq, task: "/", kind: e.type, at, status: "running" };
    case "workflow.completed":
      return { seq, task: "/", kind: e.type, at, durationMs: e.durationMs, status: "completed", output: e.output };
    case "workflow.faulted":
      return { seq, task: "/", kind: e.type, at, durationMs: e.durationMs, status: "faulted", error: e.error };
    case "workflow.cancelled":
      return { seq, task: "/", kind: e.type, at, durationMs: e.durationMs, status: "cancelled" };
  }
}
