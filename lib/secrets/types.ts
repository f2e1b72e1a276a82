// The contract every secrets provider implements (AWS, Azure, Vault, Google). Provider code speaks only
// through the official SDKs; everything above this interface is provider-agnostic.
import type { SecretsError, SecretsErrorInit } from "./errors";
import type { MetadataReport } from "./metadata";

export const PROVIDER_KINDS = ["aws", "azure", "vault", "gcp"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** The name each provider goes by, in the console and in error messages. */
export const PROVIDER_LABELS: Readonly<Record<ProviderKind, string>> = {
  aws: "AWS Secrets Manager",
  azure: "Azure Key Vault",
  vault: "HashiCorp Vault",
  gcp: "Google Secret Manager",
};

/** A parsed reference, one shape per provider (formats in docs/formats.md). */
export type SecretRef =
  | { kind: "aws"; key: string; arn: string }
  | { kind: "azure"; name: string; version?: string }
  | { kind: "vault"; key: string; engine: string; path: string }
  | { kind: "gcp"; secretId: string; version?: string };

/** What one provider call returns for one secret version: the whole payload, before key selection. */
export type SecretPayload = { text: string } | { binary: Uint8Array };

export type FetchOutcome = { ok: true; payload: SecretPayload } | { ok: false; error: SecretsError };

export interface SecretListing {
  /** Display name (AWS secret name, Azure name, Vault path, Google id). */
  name: string;
  /** What the reference needs to name this secret (AWS: the full ARN; Vault: "<engine>:<path>"). */
  id: string;
  /** Key names when the payload is a JSON/KV object; never values. */
  keys?: string[];
  updatedAt?: string;
}

export interface ListSecretsOptions {
  prefix?: string;
  pageToken?: string;
  /** Default 50, at most 100. */
  pageSize?: number;
  /** Also report the JSON key names of each listed secret (costs a read per secret). */
  includeKeys?: boolean;
}

export interface ListSecretsPage {
  items: SecretListing[];
  nextPageToken?: string;
}

/** One step of "Test configuration": authenticate, list, read (docs/errors.md "Test configuration"). */
export interface ProviderTestStep {
  kind: "auth" | "list" | "read";
  /** e.g. "Assume role", "List secrets", "Read prod/db". */
  label: string;
  /** "skipped": not run (an earlier step failed) or nothing to run (no secret to read yet). */
  status: "ok" | "failed" | "skipped";
  /** What the step needs at the provider, e.g. "secretsmanager:GetSecretValue on arn:aws:secretsmanager:…". */
  needs: string;
  /** What happened, in words; never a value. */
  detail: string;
  error?: SecretsErrorInit;
}

export interface ProviderTestResult {
  /** Secrets visible to the configured identity (first page only when paged); 0 when listing failed. */
  secretCount: number;
  sampleNames: string[];
  /** e.g. "Assumed arn:aws:iam::123456789012:role/keyhold as keyhold-w1-p2" */
  identity: string;
  /** Auth, list, then one read step per secret read (or one skipped step saying reading is untested). */
  steps: ProviderTestStep[];
}

export interface ProviderTestOptions {
  /** Secrets to read (at most 3 are read): the configuration's references, or one the admin picked. */
  reads?: readonly SecretRef[];
}

export interface SecretsProvider {
  readonly kind: ProviderKind;
  /**
   * Authenticates, lists, and reads `reads` (values stay in memory, never in the result), through the same code
   * paths as real use. Throws a SecretsError only when authentication fails; list and read failures are steps.
   */
  test(options?: ProviderTestOptions): Promise<ProviderTestResult>;
  /** Throws SecretsError. */
  listSecrets(options?: ListSecretsOptions): Promise<ListSecretsPage>;
  /**
   * Fetches each distinct secret version at most once. The result is keyed by `secretVersionKey(ref)`;
   * a failure of one reference never fails the others.
   */
  fetchSecrets(refs: readonly SecretRef[]): Promise<Map<string, FetchOutcome>>;
  /**
   * Metadata only (versions, dates, states), never a value: the rotation poller and secret health
   * (docs/rotation.md). Optional so test doubles need not implement it; every real provider does.
   */
  readMetadata?(refs: readonly SecretRef[]): Promise<MetadataReport>;
}

/** Where the configuration lives: the External ID and the AWS session name derive from it. */
export interface ProviderOwner {
  workspaceId: number;
  /** Absent for a workspace-scope configuration. */
  projectId?: number;
}

interface AwsSettings {
  roleArn: string;
  region: string;
}
export interface AzureSettings {
  tenantId: string;
  clientId: string;
  vaultUrl: string;
}
export interface AzureAuth {
  clientSecret: string;
}
export interface VaultSettings {
  address: string;
  namespace?: string;
  approleMount: string;
  roleId: string;
  /** Optional: only completes the diagnostic commands. */
  roleName?: string;
}
interface VaultAuth {
  secretId: string;
}
interface GcpSettings {
  projectId: string;
}
export interface GcpAuth {
  /** The service-account key file (JSON text). */
  serviceAccountJson: string;
}

/** A configuration ready to build a provider from: settings plus decrypted auth material (server memory only). */
export type ProviderConfig =
  | { kind: "aws"; owner: ProviderOwner; settings: AwsSettings }
  | { kind: "azure"; owner: ProviderOwner; settings: AzureSettings; auth: AzureAuth }
  | { kind: "vault"; owner: ProviderOwner; settings: VaultSettings; auth: VaultAuth }
  | { kind: "gcp"; owner: ProviderOwner; settings: GcpSettings; auth: GcpAuth };
