// Maps whatever the Google SDK threw (a Google status over REST or gRPC, an OAuth refusal, a transport
// failure; read by google-status.ts) to a SecretsError from errors.ts.
import { SecretsError, invalidConfiguration, isSecretsError, notFound, providerError, throttled, unavailable } from "@/lib/secrets/errors";
import {
  GCP_PROVIDER,
  gcpAccessDenied,
  gcpInvalidCredentials,
  gcpListDenied,
  gcpSecretNotFound,
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
  const status = s.status ?? (s.httpStatus ? (HTTP_TO_STATUS[s.httpStatus] ?? (s.httpStatus >= 500 ? "UNAVAILABLE" : undefined)) : undefined);
  const access = ctx.secretId !== undefined;
  switch (status) {
    case "UNAUTHENTICATED":
      return gcpInvalidCredentials(ctx, "the request's credentials were refused (UNAUTHENTICATED).");
    case "invalid_grant":
    case "invalid_client":
    case "unauthorized_client":
    case "invalid_scope":
      return gcpInvalidCredentials(ctx, s.message);
    case "PERMISSION_DENIED":
      if (s.reason === "SERVICE_DISABLED") {
        const e = invalidConfiguration(
          `The Secret Manager API is not enabled in project ${ctx.projectId}.`,
          "Enable the Secret Manager API in the project, then test again.",
        );
        return new SecretsError({ ...e.toJSON(), command: `gcloud services enable secretmanager.googleapis.com --project ${ctx.projectId}` });
      }
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
    case "RESOURCE_EXHAUSTED":
      return throttled(GCP_PROVIDER);
    case "UNAVAILABLE":
    case "DEADLINE_EXCEEDED":
    case "INTERNAL":
    case "UNKNOWN":
    case "ABORTED":
      return unavailable(GCP_PROVIDER, `${status}: ${s.message}`);
  }
  if (s.network) return unavailable(GCP_PROVIDER, `network error (${s.network})`);
  // Only Google's own error text is shown: a local error's message may quote the bytes it failed on.
  return providerError(GCP_PROVIDER, s.httpStatus || status ? s.message : `${errorName(err)} in the client library`);
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
