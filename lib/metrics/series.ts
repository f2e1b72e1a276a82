// The aggregate series names (docs/operations.md "Operations page") and the latency buckets shared by the
// Prometheus histogram and the per-minute table, so percentiles merged across instances come from bucket counts.
import type { CheckKind, CheckOutcome, Provider, ProviderOutcome, ResolutionOutcome, RunOutcome, TaskErrorType } from "./labels";

/** Upper bounds, seconds. The last bucket (index = length) is everything slower. */
export const LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];
const SLOWEST = 15;

export const SERIES = {
  resolution: (outcome: ResolutionOutcome) => `resolution.${outcome}`,
  providerCall: (provider: Provider, outcome: ProviderOutcome) => `provider.${provider}.${outcome}`,
  providerLatency: (provider: Provider, bucket: number) => `latency.${provider}.${bucket}`,
  check: (kind: CheckKind, outcome: CheckOutcome) => `check.${kind}.${outcome}`,
  run: (outcome: RunOutcome) => `run.${outcome}`,
  taskFailure: (type: TaskErrorType) => `task_failure.${type}`,
  agentsConnected: "agents.connected",
} as const;

/** The bucket index a duration falls in. */
export function bucketOf(seconds: number): number {
  const i = LATENCY_BUCKETS.findIndex((b) => seconds <= b);
  return i === -1 ? LATENCY_BUCKETS.length : i;
}

/**
 * The q-quantile (0..1) from bucket counts (index → count), as the bucket's upper bound; the overflow bucket
 * reports the last bound. Null without samples.
 */
export function quantileFromBuckets(counts: ReadonlyMap<number, number>, q: number): number | null {
  let total = 0;
  for (const c of counts.values()) total += c;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i <= LATENCY_BUCKETS.length; i++) {
    seen += counts.get(i) ?? 0;
    if (seen >= rank && seen > 0) return LATENCY_BUCKETS[i] ?? SLOWEST;
  }
  return SLOWEST;
}
