// Maps whatever the Google SDK threw (a Google status over REST or gRPC, an OAuth refusal, a transport
// failure; read by google-status.ts) to a SecretsError from errors.ts.
import { networkFailureOf } from "@/lib/secrets/network-failure";
import { SecretsError, invalidConfiguration, isSecretsError, notFound, providerError, sanitizeProviderText, unavailable } from "@/lib/secrets/errors";
import { classifyHttpStatus, invalidPageToken, retryAfterMsOf, throttledCall, unavailableCall, type CallFacts } from "@/lib/secrets/http-status";
import {
  GCP_PROVIDER,
  gcpAccessDenied,
  gcpInvalidCredentials,
  gcpListDenied,
  gcpSecretNotFound,
  gcpServiceDisabled,
  gcpVersionNotEnabled,
  secretLabel,
  versionOf,
  type GcpErrorContext,
} from "./errors";
import { readGoogleStatus } from "./google-status";

const HTTP_TO_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
};

/** Maps whatever the SDK threw for an access (`secretId` set) or list call to a SecretsError. */
export function classifyGcpError(err: unknown, ctx: GcpErrorContext): SecretsError {
  if (isSecretsError(err)) return err;
  const s = readGoogleStatus(err);
  const access = ctx.secretId !== undefined;
  if (s.unreadable) {
    const what = access ? `version ${versionOf(ctx)} of ${secretLabel(ctx)}` : `the secret listing of project ${ctx.projectId}`;
    return classifyHttpStatus({ ...facts(ctx, s.httpStatus), retryAfterMs: retryAfterMsOf(err) }, what);
  }
  const status = s.status ?? (s.httpStatus ? (HTTP_TO_STATUS[s.httpStatus] ?? (s.httpStatus >= 500 ? "UNAVAILABLE" : undefined)) : undefined);
  switch (status) {
    case "UNAUTHENTICATED":
      return gcpInvalidCredentials(ctx, "the request's credentials were refused (UNAUTHENTICATED).");
    case "invalid_grant":
    case "invalid_client":
    case "unauthorized_client":
    case "invalid_scope":
      return gcpInvalidCredentials(ctx, s.message);
    case "PERMISSION_DENIED":
      if (s.reason === "SERVICE_DISABLED") return gcpServiceDisabled(ctx, s.consumer);
      return access ? gcpAccessDenied(ctx) : gcpListDenied(ctx);
    case "NOT_FOUND":
      if (!access) return invalidConfiguration(`Project ${ctx.projectId} was not found.`, "Check the project id in the provider settings.");
      if (/Secret Version \[/.test(s.message)) {
        return notFound(`version ${versionOf(ctx)} of ${secretLabel(ctx)}`, [], `gcloud secrets versions list ${ctx.secretId} --project ${ctx.projectId}`);
      }
      return gcpSecretNotFound(ctx);
    case "FAILED_PRECONDITION": {
      const state = /is in (\w+) state/.exec(s.message);
      if (access && state?.[1]) return gcpVersionNotEnabled(ctx, state[1], /\/versions\/(\d+)\]/.exec(s.message)?.[1]);
      return providerError(GCP_PROVIDER, s.message);
    }
    case "INVALID_ARGUMENT":
      if (!access && /page.?token/i.test(s.message)) return invalidPageToken(GCP_PROVIDER);
      return new SecretsError({
        code: "invalid_request",
        category: "invalid_request",
        message: `${GCP_PROVIDER} refused the request as invalid: ${sanitizeProviderText(s.message)}`,
        fix: "Check the reference's secret id and version, or the listing's filter.",
      });
    case "RESOURCE_EXHAUSTED":
      return throttledCall({ ...facts(ctx, s.httpStatus), retryAfterMs: retryAfterMsOf(err) });
    case "UNAVAILABLE":
    case "DEADLINE_EXCEEDED":
    case "INTERNAL":
    case "UNKNOWN":
    case "ABORTED":
      return unavailableCall({ ...facts(ctx, s.httpStatus), retryAfterMs: retryAfterMsOf(err) }, `${status}: ${s.message}`);
  }
  if (s.network) return unavailable(GCP_PROVIDER, networkFailureOf(err)?.text ?? `network error (${s.network})`);
  // Only Google's own error text is shown: a local error's message may quote the bytes it failed on.
  return providerError(GCP_PROVIDER, s.httpStatus || status ? s.message : `${errorName(err)} in the client library`);
}

function facts(ctx: GcpErrorContext, status?: number): CallFacts {
  return { provider: GCP_PROVIDER, operation: ctx.secretId !== undefined ? "access secret version" : "list secrets", status };
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
