// Maps what the Azure SDKs throw to a SecretsError. Three families reach us:
// - token failures: @azure/identity wraps msal-node's ServerError into AuthenticationRequiredError whose
//   message carries Entra's "AADSTS<code>: …" description (no structured fields survive);
// - Key Vault answers: RestError with statusCode, code (error.code) and details.error.innerError.code;
// - transport failures: RestError without a status and a Node error code, AbortError, proxy refusals.
import { SecretsError, invalidConfiguration, providerError, sanitizeProviderText, throttled, unavailable, versionDisabled } from "@/lib/secrets/errors";
import { classifyHttpStatus, retryAfterMsOf, throttledCall, unavailableCall, type CallFacts } from "@/lib/secrets/http-status";
import { NETWORK_CODES as NODE_NETWORK_CODES, networkFailureOf } from "@/lib/secrets/network-failure";
import { UNREADABLE_BODY } from "./unreadable";
import {
  AZURE_PROVIDER,
  clientSecretExpired,
  forbiddenAccessPolicy,
  forbiddenByConnection,
  forbiddenByPolicy,
  forbiddenFirewall,
  forbiddenRbac,
  invalidClient,
  listVersionsCommand,
  secretNotFound,
  unknownTenant,
  type AzureErrorContext,
} from "./errors";

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  errorCode?: string;
  requestId?: string;
  response?: { headers?: { get?: (name: string) => string | null | undefined } };
  /** The pipeline request a RestError carries: its host names the vault a transport failure was reaching. */
  request?: { url?: string };
  details?: { error?: { code?: string; message?: string; innerError?: { code?: string } } };
}

/** Node's transport failures, plus the names Azure's pipeline and undici give a connection that broke. */
const NETWORK_CODES: ReadonlySet<string> = new Set([...NODE_NETWORK_CODES, "REQUEST_SEND_ERROR", "ERR_SOCKET_CLOSED", "UND_ERR_SOCKET"]);
const TOKEN_ERROR_NAMES = new Set([
  "AuthenticationRequiredError",
  "AuthenticationError",
  "CredentialUnavailableError",
  "ServerError",
  "ClientAuthError",
  "ClientConfigurationError",
]);

function describe(err: SdkErrorShape, ctx: AzureErrorContext): string {
  const text = (err.message ?? String(err))
    // Entra stamps every description (twice, through msal) with a timestamp and trace/correlation ids.
    .replace(/\s*-?\s*Timestamp: \d{4}-\d\d-\d\d[ T][\d:.]+Z?/g, "")
    .replace(/\s*-?\s*(Trace|Correlation) ID: [\w-]+/gi, "");
  return sanitizeProviderText(ctx.redact ? ctx.redact(text) : text);
}

function classifyTokenError(err: SdkErrorShape, ctx: AzureErrorContext): SecretsError {
  const message = err.message ?? "";
  const aad = /AADSTS(\d+)/.exec(message)?.[1];
  const otherTenant = /not configured to acquire tokens for tenant ([\w.-]+)/.exec(message)?.[1];
  if (otherTenant) return unknownTenant(ctx, { vaultTenant: otherTenant });
  switch (aad) {
    case "7000222":
      return clientSecretExpired(ctx);
    case "7000215":
    case "7000218":
    case "7000216":
      return invalidClient(ctx, aad);
    case "90002":
      return unknownTenant(ctx, "tenant");
    case "700016":
      return unknownTenant(ctx, "app");
    case "500011":
      return invalidConfiguration(
        `Microsoft Entra ID does not know the Key Vault resource in directory ${ctx.tenantId} (AADSTS500011).`,
        "Check that the vault URL and the authority host belong to the same Azure cloud.",
      );
  }
  if (/^invalid_client\b/.test(message) || /\binvalid_client\b/.test(message)) return invalidClient(ctx, aad);
  if (/untrusted_authority|invalid_instance|AADSTS50049/.test(message)) {
    return invalidConfiguration(
      "Microsoft Entra ID does not recognise the configured authority host.",
      "Use the authority host of the vault's Azure cloud (https://login.microsoftonline.com for the public cloud).",
    );
  }
  if (/temporarily_unavailable|throttl|AADSTS90055/i.test(message)) return throttled(`${AZURE_PROVIDER} sign-in (Microsoft Entra ID)`);
  if (/server_error|AADSTS90033|network_error|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN/.test(message)) {
    return unavailable("Microsoft Entra ID", describe(err, ctx));
  }
  return new SecretsError({
    code: "provider_error",
    category: "authentication",
    message: `Signing in to Microsoft Entra ID as app ${ctx.clientId} failed: ${describe(err, ctx)}`,
    fix: "Check the tenant ID, client ID and client secret of this configuration.",
    command: `az ad sp show --id ${ctx.clientId}`,
  });
}

function classifyForbidden(err: SdkErrorShape, ctx: AzureErrorContext): SecretsError {
  const inner = err.details?.error?.innerError?.code;
  const message = err.message ?? "";
  if (inner === "SecretDisabled") {
    const what = ctx.version ? `"${ctx.secretName}" (version ${ctx.version})` : `"${ctx.secretName}" (current version)`;
    return versionDisabled(`${what} in vault ${ctx.vaultName}`, listVersionsCommand(ctx.vaultName, ctx.secretName ?? "<name>"));
  }
  if (inner === "ForbiddenByRbac") {
    return forbiddenRbac(ctx, /Action: '([^']+)'/.exec(message)?.[1]);
  }
  if (inner === "ForbiddenByConnection") return forbiddenByConnection(ctx);
  if (inner === "ForbiddenByPolicy") return forbiddenByPolicy(ctx);
  if (inner === "ForbiddenByFirewall") {
    return forbiddenFirewall(ctx, /Client address: ([0-9a-fA-F.:]+)/.exec(message)?.[1]);
  }
  const missing = /does not have secrets (\w+) permission/.exec(message)?.[1];
  if (inner === "AccessDenied" || missing) return forbiddenAccessPolicy(ctx, missing);
  return new SecretsError({
    code: "provider_error",
    category: "authorization",
    message: `${AZURE_PROVIDER} refused the request to vault ${ctx.vaultName}: ${describe(err, ctx)}`,
    fix: "Check the app's access to the vault: its role assignments (Azure RBAC) or access policies, and the vault's network rules.",
    command: `az role assignment list --assignee ${ctx.clientId} --all`,
  });
}

export function classifyAzureError(raw: unknown, ctx: AzureErrorContext): SecretsError {
  if (raw instanceof SecretsError) return raw;
  const err = (typeof raw === "object" && raw !== null ? raw : { message: String(raw) }) as SdkErrorShape;
  const message = err.message ?? "";

  if (err.name === "AbortError") return unavailable(AZURE_PROVIDER, "the request was aborted");
  if (/does not match the requested domain|challenge contains invalid scope/.test(message)) {
    return invalidConfiguration(
      `The vault URL's host does not belong to the Key Vault service that answered (challenge resource mismatch).`,
      "Use the vault URL shown on the vault's Overview page, e.g. https://<vault name>.vault.azure.net.",
    );
  }
  if (TOKEN_ERROR_NAMES.has(err.name ?? "") || /AADSTS\d+/.test(message)) return classifyTokenError(err, ctx);

  const status = err.statusCode;
  if (status === undefined) {
    if (err.code && NETWORK_CODES.has(err.code)) return unavailable(AZURE_PROVIDER, networkFailureOf(raw, hostOf(err.request?.url))?.text ?? err.code);
    return providerError(AZURE_PROVIDER, describe(err, ctx));
  }
  const facts: CallFacts = {
    provider: AZURE_PROVIDER,
    operation: ctx.operation === "get" ? "get secret" : "list secrets",
    status,
    requestId: err.requestId ?? requestIdOf(err),
    retryAfterMs: retryAfterMsOf(err),
  };
  // Not Key Vault's JSON (unreadable.ts): the status alone decides, denial first.
  if (err.code === UNREADABLE_BODY) return classifyHttpStatus(facts, ctx.secretName ? secretLabel(ctx) : `the secret listing of vault ${ctx.vaultName}`);
  if (status === 403) return classifyForbidden(err, ctx);
  if (status === 404 && (err.code === "SecretNotFound" || ctx.secretName)) return secretNotFound(ctx);
  if (status === 429) return throttledCall(facts);
  if (status >= 500) return unavailableCall(facts);
  if (status === 401) {
    return new SecretsError({
      code: "provider_error",
      category: "authentication",
      message: `${AZURE_PROVIDER} did not accept the access token for vault ${ctx.vaultName}: ${describe(err, ctx)}`,
      fix: "Check that the vault lives in the configured tenant and that the authority host matches the vault's Azure cloud.",
    });
  }
  return providerError(AZURE_PROVIDER, `HTTP ${status} ${err.code ?? ""}: ${describe(err, ctx)}`);
}

function requestIdOf(err: SdkErrorShape): string | undefined {
  const get = err.response?.headers?.get;
  return typeof get === "function" ? (get.call(err.response?.headers, "x-ms-request-id") ?? undefined) : undefined;
}

const secretLabel = (ctx: AzureErrorContext) => `"${ctx.secretName}"${ctx.version ? ` (version ${ctx.version})` : ""} in vault ${ctx.vaultName}`;

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
