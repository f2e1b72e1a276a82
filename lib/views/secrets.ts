// The shapes the secrets pages and dialogs show: what the data layer and the services return and the client
// components render. Types only, free of `server-only`, so a client component can name them without
// importing server code (docs/architecture.md).
import type { ProviderKind, ProviderTestResult, SecretListing } from "@/lib/secrets/types";
import type { SecretsErrorInit } from "@/lib/secrets/errors";
import type { CredentialFieldName } from "@/lib/connections/types";

export type SecretsScope = "workspace" | "project";

export interface AffectedField {
  connectionId: number;
  connectionName: string;
  projectId: number;
  projectName: string;
  fieldName: CredentialFieldName;
}

export interface ScopeSwitchPreview {
  from: SecretsScope;
  to: SecretsScope;
  scopeVersion: number;
  /** Fields whose references resolve now and will stop resolving after the switch. */
  affected: AffectedField[];
  /** Workflow secrets (docs/workflows.md) whose references resolve now and will stop resolving after the switch. */
  affectedWorkflowSecrets?: Array<{ projectId: number; projectName: string; name: string }>;
  /** Target-scope configurations: ready = configured and its last test passed. */
  targets: Array<{ projectId: number | null; name: string; kind: string | null; ready: boolean }>;
}

export interface ProviderConfigView {
  id: number;
  kind: ProviderKind;
  settings: Record<string, unknown>;
  revision: number;
  /** Whether write-only auth material is stored; its value never leaves the server. */
  authSet: boolean;
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  lastTestSummary: string | null;
  degraded: boolean;
  updatedAt: Date;
}

export interface SecretUser {
  /** 0 for a workflow secret (then `workflowSecret` names it). */
  connectionId: number;
  workflowSecret?: string;
  connectionName: string;
  projectId: number;
  field: string;
}

export interface ConfigReference {
  connectionId: number;
  connectionName: string;
  projectId: number;
  projectName: string;
  field: string;
  reference: string;
}

export interface BrowsedSecret extends SecretListing {
  /** Ready-to-insert references: one per key for key/value secrets, else one. */
  references: Array<{ key: string | null; reference: string }>;
  usedBy: SecretUser[];
}

export interface BrowsePage {
  kind: ProviderKind;
  items: BrowsedSecret[];
  nextPageToken?: string;
}

export interface RepointReport {
  repointed: AffectedField[];
  failed: Array<AffectedField & { reason: string }>;
}

export type ProviderTestReport = { ok: true; result: ProviderTestResult; ms: number } | { ok: false; error: SecretsErrorInit; ms: number };
