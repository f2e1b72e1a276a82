// Maps whatever the AWS SDK threw (service exceptions, Node network errors, aborts) to a SecretsError. AWS's
// parsed error code decides first (it sends AccessDeniedException and ThrottlingException with HTTP 400); only a
// body that is not AWS's JSON falls back to the status (http-status.ts). Only throttling, 5xx and network
// failures are retryable; denials and not-found are final (revocation wins).
import { providerError, SecretsError, throttled, unavailable } from "@/lib/secrets/errors";
import { callSuffix, classifyHttpStatus, invalidPageToken, retryAfterMsOf, throttledCall, unavailableCall, type CallFacts } from "@/lib/secrets/http-status";
import { networkFailureOf } from "@/lib/secrets/network-failure";
import {
  accessDenied,
  assumeRoleDenied,
  awsUnreachable,
  kmsDecryptDenied,
  PERMISSION,
  platformCredentialsRejected,
  secretNotFound,
  SM,
  STS,
  type AwsErrorContext,
} from "./errors";

interface SdkErrorShape {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const THROTTLING = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "PriorRequestNotComplete"]);
const SERVER = new Set(["InternalServiceError", "InternalFailure", "InternalServiceFailure", "ServiceUnavailable", "ServiceUnavailableException"]);
/** What the SDK throws when the body was not AWS's JSON: a JSON parser's error, or an unmodelled "Unknown". */
const UNREADABLE = new Set(["SyntaxError", "Unknown", "UnknownError", "Error"]);
/** STS refusing Keyhold's own keys, not the customer's role. */
const PLATFORM_AUTH = new Set([
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "MissingAuthenticationToken",
  "IncompleteSignature",
  "ExpiredToken",
  "CredentialsProviderError",
]);
/** Secrets Manager refusing the temporary credentials: a fresh AssumeRole may fix it. */
const SESSION_AUTH = new Set(["UnrecognizedClientException", "ExpiredTokenException", "InvalidSignatureException"]);

export function classifyAwsError(err: unknown, ctx: AwsErrorContext): SecretsError {
  if (err instanceof SecretsError) return err;
  const e = (err ?? {}) as SdkErrorShape;
  const name = e.Code ?? e.name ?? "Error";
  const message = typeof e.message === "string" ? e.message : String(err);
  const status = e.$metadata?.httpStatusCode;
  const provider = ctx.operation === "AssumeRole" ? STS : SM;
  const facts: CallFacts = { provider, operation: ctx.operation, status, requestId: e.$metadata?.requestId, retryAfterMs: retryAfterMsOf(err) };

  const network = networkFailureOf(err);
  if (network) return awsUnreachable(facts, network);
  if (/socket hang up/i.test(message)) return unavailableCall(facts, "the connection was lost (socket hang up)");
  if (name === "AbortError") return unavailableCall(facts, "request aborted");
  // A body that is not AWS's JSON (a proxy's HTML page, XML, nothing): only the status is left to go by.
  if (status !== undefined && UNREADABLE.has(name)) return classifyHttpStatus(facts, ctx.secretArn ?? `the ${ctx.operation} request`);
  if (THROTTLING.has(name)) return throttledCall(facts);
  if (SERVER.has(name)) return unavailableCall(facts);
  if (ctx.operation === "AssumeRole") {
    if (name === "AccessDenied" || name === "AccessDeniedException") return assumeRoleDenied(ctx);
    if (PLATFORM_AUTH.has(name)) return platformCredentialsRejected(ctx.platformAccountId, name);
  } else {
    if (name === "InvalidNextTokenException") return invalidPageToken(SM);
    const known = classifySecretsManagerCode(name, message, ctx);
    if (known) return known;
  }
  // A code we do not know: its status says whether waiting can help.
  if (status === 429) return throttledCall(facts);
  if ((status !== undefined && status >= 500) || e.$fault === "server") return unavailableCall(facts, name);
  return providerError(provider, `${name}${callSuffix(facts)}: ${message}`);
}

/** Also used for the per-secret `Errors[]` of BatchGetSecretValue, which carry only a code and a message. */
export function classifySecretsManagerCode(code: string, message: string, ctx: AwsErrorContext): SecretsError | undefined {
  switch (code) {
    case "AccessDeniedException":
      // Secrets Manager reports a KMS refusal as AccessDeniedException "Access to KMS is not allowed".
      if (/\bKMS\b/i.test(message)) return kmsDecryptDenied(ctx);
      return accessDenied(ctx.operation === "AssumeRole" ? PERMISSION.GetSecretValue : PERMISSION[ctx.operation], ctx);
    case "DecryptionFailure":
      return kmsDecryptDenied(ctx, { keyUnusable: true });
    case "ResourceNotFoundException":
      return secretNotFound(ctx.secretArn ?? "(unknown secret)");
    default:
      if (SESSION_AUTH.has(code)) return unavailable(SM, `temporary credentials refused (${code})`);
      if (THROTTLING.has(code)) return throttled(SM);
      if (SERVER.has(code)) return unavailable(SM, code);
      return undefined;
  }
}

/** Whether Secrets Manager refused the role session itself, so the cached credentials must be dropped. */
export function isSessionRejected(err: unknown): boolean {
  const e = (err ?? {}) as SdkErrorShape;
  return SESSION_AUTH.has(e.Code ?? e.name ?? "");
}
