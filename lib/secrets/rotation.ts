// What one metadata poll means for the cache (docs/rotation.md): a moved version drops the secret everywhere
// (and re-fetches it where it is in use), a secret the provider no longer has is dropped so its next use
// meets the not-found, and a denied metadata read turns tracking off without touching any cached value:
// only a denied value read revokes. Pure, so the poller service and the bench share it.
import type { SecretsError } from "./errors";
import type { MetadataReport, SecretMetadata } from "./metadata";

export interface PollDecision {
  /** secretVersionKeys whose current version moved since the last poll. */
  changed: string[];
  /** secretVersionKeys the provider now says do not exist (first poll that saw it). */
  missing: string[];
  /** The first metadata denial: rotation tracking goes off for the configuration, values stay. */
  denied?: SecretsError;
  /** Secrets whose metadata could not be read for another reason (unavailable, throttled): nothing changes. */
  failed: number;
}

export function decidePoll(previous: ReadonlyMap<string, SecretMetadata | undefined>, report: MetadataReport): PollDecision {
  const decision: PollDecision = { changed: [], missing: [], failed: 0 };
  for (const [key, outcome] of report.results) {
    if (!outcome.ok) {
      if (outcome.error.category === "authorization" || outcome.error.category === "authentication") decision.denied ??= outcome.error;
      else decision.failed++;
      continue;
    }
    const before = previous.get(key);
    const now = outcome.metadata;
    if (!now.exists) {
      if (before?.exists !== false) decision.missing.push(key);
      continue;
    }
    // The first sight of a secret is the baseline: what is cached was read before it, from the same version
    // or an older one the TTL bounds (docs/rotation.md "First poll").
    if (before?.version !== undefined && now.version !== undefined && before.version !== now.version) decision.changed.push(key);
  }
  return decision;
}

/** When a poll first saw the AWSPENDING version that is still pending, or undefined when none is. */
export function pendingSince(
  before: { pendingVersion?: string } | undefined,
  beforeSince: number | undefined,
  now: SecretMetadata,
  at: number,
): number | undefined {
  if (!now.pendingVersion) return undefined;
  return before?.pendingVersion === now.pendingVersion && beforeSince !== undefined ? beforeSince : at;
}

/**
 * The shortest poll interval a provider's quota allows for `secrets` polled: Google counts every metadata call
 * as a "read request", 600 per minute per project, shared with everything else the project does, so a poll of
 * N secrets (N GetSecretVersion + 1 ListSecrets) may use at most half of that: (N + 1) / 5 seconds. The
 * other providers' metadata quotas (AWS DescribeSecret 40,000/s, Key Vault 4,000 per 10 s per vault) are
 * far above any interval a workspace can set (docs/rotation.md "Cost model").
 */
export function minPollIntervalMs(kind: string, secrets: number): number {
  return kind === "gcp" ? Math.ceil(((secrets + 1) / 5) * 1000) : 0;
}
