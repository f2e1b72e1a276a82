// Google Secret Manager failures as SecretsErrors that name the missing role or permission and give the
// admin a gcloud command to run (DESIGN.md, troubleshooting). Only ids, emails and permissions go into
// messages; provider text passes through sanitizeProviderText.
import {
  SecretsError,
  invalidConfiguration,
  isSecretsError,
  notFound,
  providerError,
  sanitizeProviderText,
  throttled,
  unavailable,
  versionDisabled,
} from "@/lib/secrets/errors";
import { readGoogleStatus } from "./google-status";

export const GCP_PROVIDER = "Google Secret Manager";
export const ACCESSOR_ROLE = "roles/secretmanager.secretAccessor";

export interface GcpErrorContext {
  projectId: string;
  /** The service account's email, from the key. */
  email: string;
  keyId?: string;
  /** Set for errors about one secret. */
  secretId?: string;
  version?: string;
}

const versionOf = (ctx: GcpErrorContext) => ctx.version ?? "latest";
const secretLabel = (ctx: GcpErrorContext) => `secret ${ctx.secretId} in project ${ctx.projectId}`;

export function accessCommand(ctx: GcpErrorContext): string {
  return `gcloud secrets versions access ${versionOf(ctx)} --secret ${ctx.secretId} --project ${ctx.projectId}`;
}

export function gcpAccessDenied(ctx: GcpErrorContext): SecretsError {
  return new SecretsError({
    code: "gcp_permission_denied",
    category: "authorization",
    message: `Service account ${ctx.email} may not read ${secretLabel(ctx)}: it lacks ${ACCESSOR_ROLE} (permission secretmanager.versions.access) on the secret or the project.`,
    fix: `Grant the service account the Secret Manager Secret Accessor role (${ACCESSOR_ROLE}) on this secret, or on the project to cover all of its secrets. Google also answers "denied" for a secret it will not confirm exists, so check the id too.`,
    command: `gcloud secrets get-iam-policy ${ctx.secretId} --project ${ctx.projectId}`,
    snippet: `gcloud secrets add-iam-policy-binding ${ctx.secretId} --project ${ctx.projectId} --member serviceAccount:${ctx.email} --role ${ACCESSOR_ROLE}`,
    permission: "secretmanager.versions.access",
  });
}

export function gcpListDenied(ctx: GcpErrorContext): SecretsError {
  return new SecretsError({
    code: "gcp_permission_denied",
    category: "authorization",
    message: `Service account ${ctx.email} may not list the secrets of project ${ctx.projectId}: it lacks the permission secretmanager.secrets.list on the project (granted by roles/secretmanager.viewer).`,
    fix: "Grant the service account the Secret Manager Viewer role (roles/secretmanager.viewer) on the project, or a custom role with secretmanager.secrets.list. Reading a secret's value needs roles/secretmanager.secretAccessor in addition.",
    command: `gcloud projects get-iam-policy ${ctx.projectId} --flatten=bindings[].members --filter=bindings.members:serviceAccount:${ctx.email} --format=table(bindings.role)`,
    snippet: `gcloud projects add-iam-policy-binding ${ctx.projectId} --member serviceAccount:${ctx.email} --role roles/secretmanager.viewer`,
    permission: "secretmanager.secrets.list",
  });
}

export function gcpInvalidCredentials(ctx: Pick<GcpErrorContext, "email" | "keyId" | "projectId">, detail: string): SecretsError {
  const key = ctx.keyId ? ` (key ${ctx.keyId})` : "";
  return new SecretsError({
    code: "gcp_invalid_credentials",
    category: "authentication",
    message: `Google rejected the service-account key of ${ctx.email}${key}: ${sanitizeProviderText(detail)}`,
    fix: "The key was deleted or disabled, its service account was deleted or disabled, or the JSON is not this account's key. Create a new JSON key for the service account and paste it into the provider settings.",
    command: `gcloud iam service-accounts keys list --iam-account ${ctx.email} --project ${ctx.projectId}`,
  });
}

/** The pasted key file itself is unusable; nothing was sent to Google. */
export function gcpInvalidKeyFile(problem: string): SecretsError {
  return new SecretsError({
    code: "gcp_invalid_credentials",
    category: "authentication",
    message: `The service-account key is not usable: ${problem}.`,
    fix: 'Paste the complete JSON key file of a service account (type "service_account", with client_email and private_key), as downloaded from the Google Cloud console.',
  });
}

export function gcpSecretNotFound(ctx: GcpErrorContext, suggestions: string[] = []): SecretsError {
  return notFound(secretLabel(ctx), suggestions, accessCommand(ctx));
}

export function gcpVersionNotEnabled(ctx: GcpErrorContext, state: string, number?: string): SecretsError {
  const which = number && number !== ctx.version ? `version ${number} (the ${versionOf(ctx)} version)` : `version ${versionOf(ctx)}`;
  const base = versionDisabled(`${secretLabel(ctx)} (${which})`, accessCommand(ctx));
  if (state !== "DESTROYED") return base;
  return new SecretsError({
    ...base.toJSON(),
    message: `The requested version of ${secretLabel(ctx)} (${which}) is destroyed.`,
    fix: "A destroyed version cannot be recovered: add a new version, or reference an enabled version explicitly. Keyhold never falls back to another version.",
  });
}

export function gcpInvalidReference(secretId: string, version?: string): SecretsError {
  return new SecretsError({
    code: "invalid_reference",
    category: "configuration",
    message: `"${secretId}${version === undefined ? "" : `:${version}`}" is not a Google secret id with an optional version.`,
    fix: 'Use {{workato:sm:<secret id>}} or {{workato:sm:<secret id>:<version>}}: ids have 1-255 letters, digits, "-" or "_"; a version is a number, "latest" or an alias.',
  });
}

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
