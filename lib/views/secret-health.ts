// What the secret health page, the connections list, the connection page and the health API show
// (docs/rotation.md "Secret health"): metadata and flags only, never a value.
import type { HealthFlag, HealthThresholds } from "@/lib/secrets/health";
import type { SecretMetadata } from "@/lib/secrets/metadata";

export type SecretStatus = "exists" | "missing" | "disabled" | "deletion_scheduled" | "destroyed" | "unknown";

export interface SecretHealthUser {
  projectId: number;
  /** A connection field, or a workflow secret (connectionId 0). */
  connectionId: number;
  connectionName: string;
  field: string;
  workflowSecret?: string;
}

export interface SecretHealthRow {
  configId: number;
  kind: string;
  secretId: string;
  reference: string;
  status: SecretStatus;
  metadata?: SecretMetadata;
  flags: HealthFlag[];
  /** The poll's last failure for this secret (a denial, an outage), in words. */
  error?: string;
  checkedAt?: string;
  users: SecretHealthUser[];
}

export interface ConfigPollView {
  configId: number;
  kind: string;
  projectId: number | null;
  lastPolledAt?: string;
  /** Rotation tracking is off: the provider refused metadata. */
  trackingOff?: { permission?: string; message: string; fix: string };
  strategy?: string;
  calls?: Record<string, number>;
  /** Vault KV v1 and the like: rotation needs Refresh or the cache TTL. */
  note?: string;
}

export interface SecretHealthView {
  generatedAt: string;
  thresholds: HealthThresholds & { pollSeconds: number };
  configs: ConfigPollView[];
  rows: SecretHealthRow[];
}

export function statusOf(meta: SecretMetadata | undefined): SecretStatus {
  if (!meta) return "unknown";
  if (!meta.exists) return "missing";
  if (meta.destroyed) return "destroyed";
  if (meta.deletionAt) return "deletion_scheduled";
  if (meta.enabled === false) return "disabled";
  return "exists";
}
