// What the rest of Keyhold calls to count something (docs/operations.md "Metrics"). Each recorder takes only
// closed-list values (labels.ts; anything else is counted as "other") and a workspace id, which goes to the
// per-minute table for the Operations page but never into a Prometheus label.
import {
  AGENT_JOB_OUTCOMES,
  CHECK_KINDS,
  CHECK_OUTCOMES,
  closed,
  PROVIDER_OPERATIONS,
  PROVIDER_OUTCOMES,
  PROVIDERS,
  RESOLUTION_OUTCOMES,
  RUN_OUTCOMES,
  SIGN_IN_FAILURES,
  taskErrorType,
} from "./labels";
import { MinuteBuffer } from "./minute-buffer";
import { metricsState } from "./registry";
import { bucketOf, SERIES } from "./series";

const globalForBuffer = globalThis as unknown as { keyholdMinuteBuffer?: MinuteBuffer; keyholdAgents?: Map<number, number> };

/** This process's unwritten per-minute aggregates (the flusher drains it). */
export function minuteBuffer(): MinuteBuffer {
  globalForBuffer.keyholdMinuteBuffer ??= new MinuteBuffer();
  return globalForBuffer.keyholdMinuteBuffer;
}

function agentsByWorkspace(): Map<number, number> {
  globalForBuffer.keyholdAgents ??= new Map();
  return globalForBuffer.keyholdAgents;
}

/** One call to a secrets provider: `outcome` is "ok" or the SecretsError category. */
export function recordProviderCall(workspaceId: number, provider: string, operation: string, outcome: string, seconds: number): void {
  const p = closed(PROVIDERS, provider, "aws");
  if (p !== provider) return; // not one of ours: nothing honest to count it as
  const op = closed(PROVIDER_OPERATIONS, operation, "fetch");
  const out = closed(PROVIDER_OUTCOMES, outcome);
  const { metrics } = metricsState();
  metrics.providerCalls.inc({ provider: p, operation: op, outcome: out });
  metrics.providerDuration.observe({ provider: p, operation: op }, seconds);
  minuteBuffer().add(workspaceId, SERIES.providerCall(p, out));
  minuteBuffer().add(workspaceId, SERIES.providerLatency(p, bucketOf(seconds)), 1, seconds);
}

/** References resolved through the cache, `count` of one outcome. */
export function recordResolutions(workspaceId: number, outcome: string, count = 1): void {
  if (count <= 0) return;
  const out = closed(RESOLUTION_OUTCOMES, outcome);
  metricsState().metrics.resolutions.inc({ outcome: out }, count);
  minuteBuffer().add(workspaceId, SERIES.resolution(out), count);
}

/** A connection test, or the test a refresh ends with. */
export function recordConnectionCheck(workspaceId: number, kind: string, outcome: string): void {
  const k = closed(CHECK_KINDS, kind, "test");
  const out = closed(CHECK_OUTCOMES, outcome);
  metricsState().metrics.checks.inc({ kind: k, outcome: out });
  minuteBuffer().add(workspaceId, SERIES.check(k, out));
}

/** A workflow run ended; `faultedTaskErrorTypes` are the Problem type URIs of the tasks that faulted. */
export function recordWorkflowRun(workspaceId: number, outcome: string, faultedTaskErrorTypes: readonly unknown[] = []): void {
  const out = closed(RUN_OUTCOMES, outcome);
  const { metrics } = metricsState();
  metrics.workflowRuns.inc({ outcome: out });
  minuteBuffer().add(workspaceId, SERIES.run(out));
  for (const type of faultedTaskErrorTypes) {
    const t = taskErrorType(type);
    metrics.taskFailures.inc({ error_type: t });
    minuteBuffer().add(workspaceId, SERIES.taskFailure(t));
  }
}

/** For the agent's server side: a job an agent finished (or that timed out). */
export function recordAgentJob(outcome: string): void {
  metricsState().metrics.agentJobs.inc({ outcome: closed(AGENT_JOB_OUTCOMES, outcome) });
}

/** For the agent's server side: an agent of `workspaceId` connected (+1) or went away (-1). */
export function recordAgentConnection(workspaceId: number, delta: 1 | -1): void {
  const agents = agentsByWorkspace();
  const next = Math.max(0, (agents.get(workspaceId) ?? 0) + delta);
  if (next === 0) agents.delete(workspaceId);
  else agents.set(workspaceId, next);
  let total = 0;
  for (const n of agents.values()) total += n;
  metricsState().metrics.agentsConnected.set(total);
  minuteBuffer().sample(workspaceId, SERIES.agentsConnected, next);
}

/** Samples the connected agents into the current minute (the flusher calls it, so idle minutes are not gaps). */
export function sampleAgents(): void {
  for (const [workspaceId, n] of agentsByWorkspace()) minuteBuffer().sample(workspaceId, SERIES.agentsConnected, n);
}

export function recordSignInFailure(reason: string): void {
  metricsState().metrics.signInFailures.inc({ reason: closed(SIGN_IN_FAILURES, reason) });
}
