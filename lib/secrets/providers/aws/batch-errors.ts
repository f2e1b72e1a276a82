// The per-secret entries of a successful BatchGetSecretValue (`Errors[]`, inside an HTTP 200): each is
// classified by its own ErrorCode, the way GetSecretValue would have failed for that secret alone. Kept apart
// from classify.ts, which maps whole-call SDK errors.
import { providerError, SecretsError, throttled, unavailable } from "@/lib/secrets/errors";
import { accessDenied, kmsDecryptDenied, PERMISSION, secretNotFound, SM } from "./errors";

interface EntryContext {
  roleArn: string;
  secretArn: string;
}

export function classifyBatchEntry(code: string, message: string, ctx: EntryContext): SecretsError {
  switch (code) {
    case "ResourceNotFoundException":
      return secretNotFound(ctx.secretArn);
    case "AccessDeniedException":
      // Secrets Manager reports a KMS refusal as AccessDeniedException "Access to KMS is not allowed".
      return /\bKMS\b/i.test(message) ? kmsDecryptDenied(ctx) : accessDenied(PERMISSION.GetSecretValue, ctx);
    case "DecryptionFailure":
      return kmsDecryptDenied(ctx, { keyUnusable: true });
    case "InvalidRequestException":
      return markedForDeletion(ctx.secretArn);
    case "InvalidParameterException":
      return new SecretsError({
        code: "invalid_reference",
        category: "configuration",
        message: `AWS Secrets Manager refused the secret id ${ctx.secretArn} as invalid.`,
        fix: "Copy the secret's full ARN from the secret browser or the AWS console into the reference.",
      });
    case "ThrottlingException":
      return throttled(SM);
    case "InternalServiceError":
    case "InternalFailure":
      return unavailable(SM, `${code} for one secret of a batch`);
    default:
      return providerError(SM, `${code || "Error"} for ${ctx.secretArn}`);
  }
}

/** InvalidRequestException on a read: the secret is scheduled for deletion (it can still be restored). */
function markedForDeletion(secretArn: string): SecretsError {
  return new SecretsError({
    code: "not_found",
    category: "authorization",
    message: `The secret ${secretArn} is scheduled for deletion, so AWS refuses to read it.`,
    fix: "Restore the secret (it can be restored until its recovery window ends), or point the reference at another secret.",
    command: `aws secretsmanager restore-secret --secret-id ${secretArn}`,
  });
}
