// The shapes of connection credentials and test reports shared by the services, the forms and the report
// components. Types only, free of `server-only` (docs/architecture.md).
import type { SecretsErrorInit } from "@/lib/secrets/errors";
import type { CredentialFieldName } from "@/lib/connections/types";
import type { TargetReport } from "@/lib/connections/testers/types";

export type CredentialChange = { mode: "keep" } | { mode: "clear" } | { mode: "set"; value: string };

export interface ReferenceReport {
  field: CredentialFieldName;
  reference: string;
  ok: boolean;
  /** cache: served from memory; provider: fetched now; stale: last good value during an outage. */
  source?: "cache" | "provider" | "stale";
  ms: number;
  error?: SecretsErrorInit;
}

export interface ConnectionTestReport {
  ok: boolean;
  degraded: boolean;
  references: ReferenceReport[];
  /** Null when the references did not resolve, so no connection was attempted. */
  target: TargetReport | null;
  totalMs: number;
  testedAt: string;
  /** When the test ran on an on-prem agent: the group, and the agent's own steps (secrets it resolved by name, the target). */
  agent?: { group: string; steps: Array<{ step: string; ok: boolean; ms: number; message: string }> };
}
