// The shapes the secrets pages and dialogs show: what the data layer and the services return and the client
// components render. Types only, free of `server-only`, so a client component can name them without
// importing server code (docs/architecture.md).
import type { ProviderKind, ProviderTestStep, SecretListing } from "@/lib/secrets/types";
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
  affectedWorkflowSecrets: Array<{ projectId: number; projectName: string; name: string }>;
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
  /** Connection type: null is Cloud, else the on-prem group its requests go through (docs/agent.md). */
  onPremGroupId: number | null;
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
  /** Named by the configuration's reference policy; secrets outside it cannot be inserted into a connection. */
  insidePolicy: boolean;
}

/** The key names of one secret (an expanded browser row): names only. */
export interface SecretKeysView {
  id: string;
  /** null: not a JSON object (plain or binary secret), so references name the whole secret. */
  keys: string[] | null;
  /** One reference per key; empty without keys. */
  references: Array<{ key: string | null; reference: string }>;
  /** Served from the key-name cache, without a read. */
  cached: boolean;
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

/** "Test configuration": each step with ✓/✗ (auth, list, read), and the first failure's error for its fix. */
export interface ProviderTestReport {
  ok: boolean;
  ms: number;
  /** Who Keyhold is at the provider; absent when authentication failed. */
  identity?: string;
  secretCount: number;
  sampleNames: string[];
  steps: ProviderTestStep[];
  /** No secret was read: nothing references this configuration yet and none was named. */
  readUntested: boolean;
  /** The first failed step's error. */
  error?: SecretsErrorInit;
}

/** A reference that resolves only thanks to one policy entry: what removing that entry breaks. */
export interface PolicyDependent {
  connectionId: number;
  connectionName: string;
  projectId: number;
  projectName: string;
  field: string;
  reference: string;
  /** host:port the reference is sent to. */
  destination: string;
}

/** A configuration's reference policy as the settings page shows it (docs/threat-model.md "Reference policy"). */
export interface ReferencePolicyView {
  configId: number;
  kind: ProviderKind;
  /** "the workspace's AWS Secrets Manager configuration" or "project “A”'s …". */
  owner: string;
  /** "a workspace admin" or "a project admin". */
  approver: string;
  /** Existed before the policy: admins see the banner explaining it until the policy is edited or it is dismissed. */
  noticePending: boolean;
  entries: Array<{ id: number; secretPattern: string; destinations: string[]; dependents: PolicyDependent[] }>;
}
