// Secret metadata: what a provider says about a secret without handing over its value (docs/rotation.md).
// The rotation poller compares `version` with what it saw last; secret health reads the dates and states.
// A metadata read never costs a value read, and its permissions are separate from the read permissions.
import type { SecretsError } from "./errors";
import type { SecretRef } from "./types";

export interface SecretMetadata {
  /** false: the provider says the secret (or the referenced version) does not exist. */
  exists: boolean;
  /**
   * The provider's current version, as it names it (AWS: the AWSCURRENT VersionId; Vault KV v2: current_version;
   * Azure: the current version id; Google: the latest version number). A change means the cached value is stale.
   * Undefined where the provider has no versions (Vault KV v1).
   */
  version?: string;
  /** false when the current (or referenced) version is disabled (Azure, Google). */
  enabled?: boolean;
  /** The version can no longer be read: Vault deletion_time / destroyed, Google DESTROYED. */
  destroyed?: boolean;
  /** AWS DeletedDate (scheduled deletion) or Vault's deletion_time of the current version (ISO). */
  deletionAt?: string;
  lastChangedAt?: string;
  lastRotatedAt?: string;
  nextRotationAt?: string;
  rotationEnabled?: boolean;
  /** Azure `exp`, Google `expire_time` (ISO). */
  expiresAt?: string;
  /** Why this secret's rotation cannot be tracked (Vault KV v1 keeps no versions); its existence is then unknown. */
  untracked?: "kv_v1";
  /** AWS: the version labelled AWSPENDING, while a rotation is under way (or stuck). */
  pendingVersion?: string;
}

export type MetadataOutcome = { ok: true; metadata: SecretMetadata } | { ok: false; error: SecretsError };

/** One metadata poll of a set of references. */
export interface MetadataReport {
  /** Keyed by secretVersionKey(ref); a reference whose metadata cannot change (a pinned version) may be absent. */
  results: Map<string, MetadataOutcome>;
  /** How the poll read: "describe" (one call per secret), "list" (pages), "versions" (per-secret version lists). */
  strategy: string;
  /** Provider calls the poll made, by operation: measured against the cost model in docs/rotation.md. */
  calls: Record<string, number>;
}

export interface MetadataReader {
  /** Never throws for one secret's failure; a denial shows as that secret's error (category "authorization"). */
  readMetadata(refs: readonly SecretRef[]): Promise<MetadataReport>;
}

/** Counts calls per operation for a MetadataReport. */
export function callCounter(): { calls: Record<string, number>; count: (operation: string) => void } {
  const calls: Record<string, number> = {};
  return {
    calls,
    count: (operation) => {
      calls[operation] = (calls[operation] ?? 0) + 1;
    },
  };
}

/** ISO text of a Date, an epoch-seconds number or a string date; undefined when absent or unreadable. */
export function isoOf(value: Date | number | string | undefined | null, unit: "s" | "ms" = "ms"): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? (unit === "s" ? value * 1000 : value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
