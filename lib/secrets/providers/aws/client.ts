// What every AWS call of one provider instance needs: the role session (through the shared cache), a Secrets
// Manager client per region, and `run`, which puts a call under withRetries with AWS's error mapping.
// Clients use the SDK's own endpoint resolution (AWS_ENDPOINT_URL[_SECRETS_MANAGER|_STS]) and maxAttempts 1,
// so the retry policy and its deadline are ours alone.
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STSClient } from "@aws-sdk/client-sts";
import type { ProviderConfig } from "@/lib/secrets/types";
import { OutageLatch } from "@/lib/secrets/outage-latch";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from "@/lib/secrets/retry";
import { classifyAwsError, isSessionRejected } from "./classify";
import { assumeRoleCached, forgetRoleCredentials, type AssumeRoleRequest, type RoleCredentials } from "./session";
import { SM, STS, type AwsOperation } from "./errors";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { roleSessionNameFor } from "./identity";
import type { ForwardRouteOption } from "@/lib/secrets/contracts/http-forward";
import { forwardRequestHandler } from "./forward-handler";
import { BatchReadMode, Limiter, SINGLE_READ_CONCURRENCY } from "./batch-reads";

export type AwsConfig = Extract<ProviderConfig, { kind: "aws" }>;

export interface AwsProviderDeps {
  /** Keyhold's own AWS account (PLATFORM_AWS_ACCOUNT_ID): the principal customers trust. */
  platformAccountId: string;
  retryPolicy?: Partial<RetryPolicy>;
  /**
   * Cloud profiles (docs/agent.md): Secrets Manager requests go through this function (an on-prem agent) once
   * signed here. STS is not forwarded: AssumeRole runs from the console with the platform's own credentials.
   */
  forward?: ForwardRouteOption;
}

export interface RunOptions {
  secretArn?: string;
  /** Epoch ms after which this call must not run on; best-effort extras pass the operation's deadline. */
  deadline?: number;
}

export class AwsContext {
  readonly roleArn: string;
  readonly region: string;
  readonly session: AssumeRoleRequest;
  readonly platformAccountId: string;
  /** Whether BatchGetSecretValue is allowed (remembered per provider instance = configuration revision). */
  readonly batchReads = new BatchReadMode();
  /** Bounds this configuration's GetSecretValue calls when it reads one by one. */
  readonly singleReads = new Limiter(SINGLE_READ_CONCURRENCY);
  private readonly policy: Partial<RetryPolicy>;
  private readonly forward?: ForwardRouteOption;
  private sts?: STSClient;
  private readonly latch: OutageLatch;
  private readonly clients = new Map<string, { accessKeyId: string; client: SecretsManagerClient }>();

  constructor(config: AwsConfig, deps: AwsProviderDeps) {
    this.roleArn = config.settings.roleArn;
    this.region = config.settings.region;
    this.platformAccountId = deps.platformAccountId;
    this.policy = deps.retryPolicy ?? {};
    this.forward = deps.forward;
    this.latch = new OutageLatch(deps.retryPolicy?.outageHoldMs);
    this.session = {
      roleArn: config.settings.roleArn,
      externalId: externalIdFor(config.owner),
      sessionName: roleSessionNameFor(config.owner),
    };
  }

  get externalId(): string {
    return this.session.externalId;
  }

  /** The role's temporary credentials; STS failures come out already classified as AssumeRole errors. */
  async assume(signal: AbortSignal, fresh = false): Promise<RoleCredentials> {
    // No credentials option: the platform's own identity comes from the SDK's standard provider chain.
    this.sts ??= new STSClient({ region: this.region, maxAttempts: 1 });
    try {
      return await assumeRoleCached(this.sts, this.session, signal, { fresh });
    } catch (err) {
      throw classifyAwsError(err, this.errorContext("AssumeRole"));
    }
  }

  /** A client for `region` signed with the current role session; rebuilt when the session changes. */
  async client(region: string, signal: AbortSignal): Promise<SecretsManagerClient> {
    const creds = await this.assume(signal);
    const cached = this.clients.get(region);
    if (cached?.accessKeyId === creds.accessKeyId) return cached.client;
    // The old client is not destroyed: a parallel call may still be using it; it is simply dropped.
    const client = new SecretsManagerClient({
      region,
      maxAttempts: 1,
      ...(this.forward ? { requestHandler: forwardRequestHandler(this.forward.send) } : {}),
      credentials: {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        sessionToken: creds.sessionToken,
        expiration: creds.expiration,
      },
    });
    this.clients.set(region, { accessKeyId: creds.accessKeyId, client });
    return client;
  }

  run<T>(operation: AwsOperation, fn: (signal: AbortSignal) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const policy = { ...this.policy };
    if (options.deadline !== undefined) {
      policy.overallTimeoutMs = Math.max(1, Math.min(policy.overallTimeoutMs ?? Infinity, options.deadline - Date.now()));
    }
    return withRetries(fn, {
      provider: operation === "AssumeRole" ? STS : SM,
      policy,
      latch: this.latch,
      classify: (err) => {
        // A refused session (expired early, or the role was re-created) gets one fresh AssumeRole on retry.
        if (isSessionRejected(err)) forgetRoleCredentials(this.session);
        return classifyAwsError(err, this.errorContext(operation, options.secretArn));
      },
    });
  }

  errorContext(operation: AwsOperation, secretArn?: string) {
    return {
      operation,
      roleArn: this.roleArn,
      externalId: this.session.externalId,
      platformAccountId: this.platformAccountId,
      secretArn,
    };
  }

  /** The overall deadline of one provider operation, for best-effort follow-up calls. */
  deadline(): number {
    return Date.now() + this.overallTimeoutMs();
  }

  overallTimeoutMs(): number {
    return this.policy.overallTimeoutMs ?? DEFAULT_RETRY_POLICY.overallTimeoutMs;
  }
}
