// Google Secret Manager failures as SecretsErrors that name the missing role or permission and give the
// admin a gcloud command to run (docs/errors.md "Troubleshooting"); classify.ts decides which one an SDK error is.
// Only ids, emails and permissions go into messages; provider text passes through sanitizeProviderText.
import { SecretsError, notFound, sanitizeProviderText, versionDisabled } from "@/lib/secrets/errors";
import { expectedFormat } from "@/lib/secrets/references";
import { PROVIDER_LABELS } from "@/lib/secrets/types";

export const GCP_PROVIDER = PROVIDER_LABELS.gcp;
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

export const versionOf = (ctx: GcpErrorContext) => ctx.version ?? "latest";
export const secretLabel = (ctx: GcpErrorContext) => `secret ${ctx.secretId} in project ${ctx.projectId}`;

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
    fix: `Use ${expectedFormat("gcp")}: ids have 1-255 letters, digits, "-" or "_"; a version is a number, "latest" or an alias.`,
  });
}

/**
 * SERVICE_DISABLED names the project whose API is off in ErrorInfo.metadata.consumer ("projects/<number>"):
 * with a service-account key that is usually the account's own project (the one calls are billed to), which is
 * not necessarily the project that holds the secrets, so the message names that project, not the configured one.
 */
export function gcpServiceDisabled(ctx: GcpErrorContext, consumer?: string): SecretsError {
  const project = /^projects\/(.+)$/.exec(consumer ?? "")?.[1] ?? ctx.projectId;
  const other =
    project !== ctx.projectId
      ? ` This is not the secrets' project (${ctx.projectId}): Google counts the calls against the project named in the error, usually the service account's own project.`
      : "";
  return new SecretsError({
    code: "gcp_service_disabled",
    category: "configuration",
    message: `The Secret Manager API is not enabled in project ${project}.${other}`,
    fix: `Enable the Secret Manager API (secretmanager.googleapis.com) in project ${project}, wait a minute for it to take effect, then test again.`,
    command: `gcloud services enable secretmanager.googleapis.com --project=${project}`,
  });
}
