import { beforeEach, describe, expect, it } from "vitest";
import {
  AGENT_JOB_OUTCOMES,
  CHECK_KINDS,
  CHECK_OUTCOMES,
  PROVIDER_OPERATIONS,
  PROVIDER_OUTCOMES,
  PROVIDERS,
  RESOLUTION_OUTCOMES,
  RUN_OUTCOMES,
  SIGN_IN_FAILURES,
  TASK_ERROR_TYPES,
  taskErrorType,
} from "./labels";
import {
  minuteBuffer,
  recordAgentConnection,
  recordAgentJob,
  recordConnectionCheck,
  recordProviderCall,
  recordResolutions,
  recordSignInFailure,
  recordWorkflowRun,
} from "./record";
import { exposition, metricsState, setCacheEntriesSource } from "./registry";

/** Every sample line of the exposition: metric name and its labels. */
function samples(text: string): Array<{ name: string; labels: Record<string, string> }> {
  return text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line);
      if (!m) throw new Error(`unparsable sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
      return { name: m[1]!, labels };
    });
}

/** The only label names and values a Keyhold metric may carry. */
const ALLOWED: Record<string, readonly string[]> = {
  provider: PROVIDERS,
  operation: PROVIDER_OPERATIONS,
  outcome: [...new Set([...PROVIDER_OUTCOMES, ...RESOLUTION_OUTCOMES, ...CHECK_OUTCOMES, ...RUN_OUTCOMES, ...AGENT_JOB_OUTCOMES])],
  kind: CHECK_KINDS,
  error_type: TASK_ERROR_TYPES,
  reason: SIGN_IN_FAILURES,
  le: [],
};

beforeEach(() => {
  metricsState().registry.resetMetrics();
  minuteBuffer().drain();
});

describe("metrics", () => {
  it("exposes every metric under its documented name, with its documented labels", async () => {
    recordProviderCall(7, "vault", "fetch", "unavailable", 0.3);
    recordResolutions(7, "cache_hit", 3);
    recordConnectionCheck(7, "refresh", "degraded");
    recordWorkflowRun(7, "faulted", ["https://serverlessworkflow.io/spec/1.0.0/errors/communication"]);
    recordAgentJob("ok");
    recordAgentConnection(7, 1);
    recordSignInFailure("throttled");
    setCacheEntriesSource(() => 42);
    const { body, contentType } = await exposition();
    expect(contentType).toContain("text/plain");
    const lines = body.split("\n");
    for (const expected of [
      'keyhold_provider_calls_total{provider="vault",operation="fetch",outcome="unavailable"} 1',
      'keyhold_provider_call_duration_seconds_bucket{le="0.5",provider="vault",operation="fetch"} 1',
      'keyhold_provider_call_duration_seconds_count{provider="vault",operation="fetch"} 1',
      'keyhold_resolutions_total{outcome="cache_hit"} 3',
      "keyhold_cache_entries 42",
      'keyhold_connection_checks_total{kind="refresh",outcome="degraded"} 1',
      'keyhold_workflow_runs_total{outcome="faulted"} 1',
      'keyhold_workflow_task_failures_total{error_type="communication"} 1',
      'keyhold_agent_jobs_total{outcome="ok"} 1',
      "keyhold_agents_connected 1",
      'keyhold_sign_in_failures_total{reason="throttled"} 1',
    ])
      expect(lines).toContain(expected);
    // Node's default process metrics, under our prefix.
    expect(body).toMatch(/^keyhold_process_cpu_user_seconds_total /m);
    expect(body).toMatch(/^keyhold_nodejs_heap_size_used_bytes /m);
    recordAgentConnection(7, -1);
  });

  it("never lets a secret name, value or id become a label value", async () => {
    const canaries = ["prod/db/password", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod-db", "hunter2-CANARY-value", "connection-id-4711", "ws-7"];
    for (const c of canaries) {
      recordProviderCall(7, "aws", c, c, 0.01);
      recordProviderCall(7, c, "fetch", "ok", 0.01);
      recordResolutions(7, c);
      recordConnectionCheck(7, c, c);
      recordWorkflowRun(7, c, [c, `https://example.com/errors/${c}`]);
      recordAgentJob(c);
      recordSignInFailure(c);
    }
    const { body } = await exposition();
    for (const c of canaries) expect(body).not.toContain(c);
    for (const { name, labels } of samples(body)) {
      if (/^keyhold_(process|nodejs)_/.test(name)) continue; // prom-client's own (versions, GC kinds, heap spaces)
      expect(name).toMatch(/^keyhold_/);
      for (const [label, value] of Object.entries(labels)) {
        expect(Object.keys(ALLOWED), `label ${label} of ${name}`).toContain(label);
        if (label === "le") expect(value).toMatch(/^(\+Inf|\d+(\.\d+)?)$/);
        else expect(ALLOWED[label], `${name}{${label}="${value}"}`).toContain(value);
      }
    }
    // The per-minute series are built from the same lists.
    for (const row of minuteBuffer().drain()) for (const c of canaries) expect(row.series).not.toContain(c);
  });

  it("keeps only the standard workflow error kinds as task error types", () => {
    expect(taskErrorType("https://serverlessworkflow.io/spec/1.0.0/errors/timeout")).toBe("timeout");
    expect(taskErrorType("https://serverlessworkflow.io/spec/1.0.0/errors/made-up")).toBe("other");
    expect(taskErrorType("https://acme.example/errors/payment-db-password")).toBe("other");
    expect(taskErrorType(undefined)).toBe("other");
  });

  it("feeds the per-minute buffer by workspace, never a Prometheus label", async () => {
    recordResolutions(3, "cache_miss", 2);
    recordResolutions(4, "cache_miss");
    recordProviderCall(3, "gcp", "fetch", "ok", 0.02);
    const rows = minuteBuffer().drain();
    expect(rows.filter((r) => r.series === "resolution.cache_miss").map((r) => [r.workspaceId, r.count])).toEqual([
      [3, 2],
      [4, 1],
    ]);
    expect(rows.find((r) => r.series === "latency.gcp.2")).toMatchObject({ workspaceId: 3, count: 1, sum: 0.02 });
    expect((await exposition()).body).not.toMatch(/workspace/);
  });
});
