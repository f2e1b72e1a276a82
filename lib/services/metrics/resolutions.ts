import "server-only";
// Counts what the cache answered for each secret version a use asked for (docs/operations.md "Metrics").
import { recordResolutions } from "@/lib/metrics/record";
import type { CachedOutcome } from "@/lib/secrets/cache/secrets-cache";

/** Denied: the provider refused or does not have it (revocation); failed: an outage or a configuration error. */
export function resolutionOutcome(outcome: CachedOutcome): string {
  if (outcome.ok) return outcome.source === "cache" ? "cache_hit" : outcome.source === "stale" ? "stale_served" : "cache_miss";
  return outcome.error.category === "authorization" || outcome.error.category === "authentication" ? "denied" : "failed";
}

export function countResolutions(workspaceId: number, outcomes: ReadonlyMap<string, CachedOutcome>): void {
  const counts = new Map<string, number>();
  for (const o of outcomes.values()) {
    const key = resolutionOutcome(o);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [outcome, n] of counts) recordResolutions(workspaceId, outcome, n);
}
