// What every Secret Manager call of one provider instance needs: the SDK client (session.ts), built on first
// use, the error context naming the service account, and `run`, which puts a call under withRetries with
// Google's error mapping. A bad key or endpoint is reported by every call rather than thrown at
// construction, so callers handle it like any other provider failure.
import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { isSecretsError, type SecretsError } from "@/lib/secrets/errors";
import { OutageLatch } from "@/lib/secrets/outage-latch";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from "@/lib/secrets/retry";
import type { ProviderConfig, SecretRef } from "@/lib/secrets/types";
import { classifyGcpError } from "./classify";
import { GCP_PROVIDER, type GcpErrorContext } from "./errors";
import { createSecretManagerClient, parseApiEndpoint, parseServiceAccountKey, type SdkEndpoint, type ServiceAccountKey } from "./session";

export type GcpProviderConfig = Extract<ProviderConfig, { kind: "gcp" }>;
export type GcpRef = Extract<SecretRef, { kind: "gcp" }>;

export interface GcpProviderDeps {
  /** `secretmanager.googleapis.com` (default), `host:port`, or a URL; http only for loopback emulators. */
  apiEndpoint: string;
  /** Shorter deadlines for tests; production uses the defaults (5 s per attempt, 15 s overall). */
  retryPolicy?: Partial<RetryPolicy>;
}

export class GcpContext {
  readonly policy: RetryPolicy;
  readonly projectId: string;
  /** The error context of calls about no particular secret (listing). */
  readonly base: GcpErrorContext;
  private readonly key: ServiceAccountKey | SecretsError;
  private readonly endpoint: SdkEndpoint | SecretsError;
  private client?: SecretManagerServiceClient;
  private readonly latch: OutageLatch;

  constructor(config: GcpProviderConfig, deps: GcpProviderDeps) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy };
    this.latch = new OutageLatch(this.policy.outageHoldMs);
    this.projectId = config.settings.projectId;
    this.key = parseServiceAccountKey(config.auth.serviceAccountJson);
    this.endpoint = parseApiEndpoint(deps.apiEndpoint);
    const key = this.key;
    this.base = {
      projectId: this.projectId,
      email: isSecretsError(key) ? "(unreadable key)" : key.client_email,
      keyId: isSecretsError(key) ? undefined : key.private_key_id,
    };
  }

  sdk(): SecretManagerServiceClient {
    if (isSecretsError(this.key)) throw this.key;
    if (isSecretsError(this.endpoint)) throw this.endpoint;
    this.client ??= createSecretManagerClient(this.key, this.endpoint, this.projectId, this.policy.attemptTimeoutMs);
    return this.client;
  }

  /** The error context of a call about one secret version (`latest` when the reference names none). */
  secretContext(ref: GcpRef): GcpErrorContext & { version: string } {
    return { ...this.base, secretId: ref.secretId, version: ref.version ?? "latest" };
  }

  run<T>(errorContext: GcpErrorContext, op: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withRetries(op, { provider: GCP_PROVIDER, classify: (err) => classifyGcpError(err, errorContext), policy: this.policy, latch: this.latch });
  }
}
