// The one Prometheus registry of this process (docs/operations.md "Metrics"): every metric Keyhold exposes at
// /api/metrics, plus Node's default process metrics. Kept on globalThis so Next's dev reloads and the several
// module copies a Next build may hold share one registry instead of registering names twice.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { LATENCY_BUCKETS } from "./series";

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "keyhold_" }); // keyhold_process_*, keyhold_nodejs_*
  const cacheEntries = { read: (): number => 0 };
  const metrics = {
    providerCalls: new Counter({
      name: "keyhold_provider_calls_total",
      help: "Calls to a secrets provider, by provider, operation and outcome (ok or the error category).",
      labelNames: ["provider", "operation", "outcome"] as const,
      registers: [registry],
    }),
    providerDuration: new Histogram({
      name: "keyhold_provider_call_duration_seconds",
      help: "Duration of calls to a secrets provider, retries included.",
      labelNames: ["provider", "operation"] as const,
      buckets: [...LATENCY_BUCKETS],
      registers: [registry],
    }),
    resolutions: new Counter({
      name: "keyhold_resolutions_total",
      help: "Secret references resolved, by outcome (cache_hit, cache_miss, stale_served, denied, failed).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    cacheEntries: new Gauge({
      name: "keyhold_cache_entries",
      help: "Secret versions held in this instance's cache.",
      registers: [registry],
      collect() {
        this.set(cacheEntries.read());
      },
    }),
    checks: new Counter({
      name: "keyhold_connection_checks_total",
      help: "Connection tests and refreshes, by kind and outcome.",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    workflowRuns: new Counter({
      name: "keyhold_workflow_runs_total",
      help: "Workflow runs finished by this instance, by outcome.",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    taskFailures: new Counter({
      name: "keyhold_workflow_task_failures_total",
      help: "Workflow tasks that faulted, by standard error type (user-defined types count as other).",
      labelNames: ["error_type"] as const,
      registers: [registry],
    }),
    agentJobs: new Counter({
      name: "keyhold_agent_jobs_total",
      help: "Jobs handed to on-prem agents, by outcome.",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    agentsConnected: new Gauge({ name: "keyhold_agents_connected", help: "On-prem agents connected to this instance.", registers: [registry] }),
    signInFailures: new Counter({
      name: "keyhold_sign_in_failures_total",
      help: "Failed console sign-ins, by reason.",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
  };
  return { registry, metrics, cacheEntries };
}

export type MetricsState = ReturnType<typeof build>;

const globalForMetrics = globalThis as unknown as { keyholdMetrics?: MetricsState };

export function metricsState(): MetricsState {
  globalForMetrics.keyholdMetrics ??= build();
  return globalForMetrics.keyholdMetrics;
}

/** The Prometheus text exposition of this instance, and its content type. */
export async function exposition(): Promise<{ body: string; contentType: string }> {
  const { registry } = metricsState();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/** The cache-entries gauge reads this when scraped (the secrets runtime registers its cache). */
export function setCacheEntriesSource(read: () => number): void {
  metricsState().cacheEntries.read = read;
}
