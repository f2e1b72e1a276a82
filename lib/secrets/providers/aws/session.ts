// Temporary credentials of customer roles, shared by every provider instance in this process. One AssumeRole
// per (role, External ID) until 5 minutes before the session expires: STS calls are slow and throttled, and
// concurrent callers wait on the same request instead of each assuming the role.
import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";

export const CREDENTIAL_REFRESH_MARGIN_MS = 5 * 60_000;

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  assumedRoleArn?: string;
}

export interface AssumeRoleRequest {
  roleArn: string;
  externalId: string;
  sessionName: string;
}

interface Entry {
  promise: Promise<RoleCredentials>;
  /** Known once STS answered. */
  expiresAt?: number;
}

const cache = new Map<string, Entry>();

const cacheKey = (req: AssumeRoleRequest) => `${req.roleArn}\n${req.externalId}`;

/** Drops every cached session (tests; and configuration changes that must re-check the trust policy). */
export function clearAwsCredentialCache(): void {
  cache.clear();
}

export function forgetRoleCredentials(req: AssumeRoleRequest): void {
  cache.delete(cacheKey(req));
}

/**
 * Cached temporary credentials for the role, or a fresh AssumeRole with the platform's own credentials (the
 * STS client's default chain). `fresh` skips the cache, so "Test" re-checks the trust policy every time.
 * Raw SDK errors are rethrown for the caller to classify.
 */
export function assumeRoleCached(sts: STSClient, req: AssumeRoleRequest, signal: AbortSignal, options: { fresh?: boolean } = {}): Promise<RoleCredentials> {
  const key = cacheKey(req);
  const hit = cache.get(key);
  const usable = hit && (hit.expiresAt === undefined || hit.expiresAt - CREDENTIAL_REFRESH_MARGIN_MS > Date.now());
  if (hit && usable && !options.fresh) return hit.promise;

  const entry: Entry = { promise: assumeRole(sts, req, signal) };
  cache.set(key, entry);
  entry.promise.then(
    (creds) => {
      entry.expiresAt = creds.expiration.getTime();
    },
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  return entry.promise;
}

async function assumeRole(sts: STSClient, req: AssumeRoleRequest, signal: AbortSignal): Promise<RoleCredentials> {
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: req.roleArn, ExternalId: req.externalId, RoleSessionName: req.sessionName }), {
    abortSignal: signal,
  });
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new Error("AssumeRole returned no credentials");
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
    assumedRoleArn: out.AssumedRoleUser?.Arn,
  };
}
