// GetSecretValue and BatchGetSecretValue. Both go through readSecretValue, which checks in the order AWS does:
// IAM on the secret, existence, KMS (kms:Decrypt on a customer-managed key, key state), then the version.
import type { SmContext } from "./secrets-manager";
import { jsonError, jsonOk, type HttpReply } from "./http-reply";
import { isAllowed, notAuthorizedMessage } from "./policy";
import type { SecretRecord } from "./state";
import { filterSecrets, listPage, parseListInput } from "./secret-listing";

interface ReadError {
  code: string;
  message: string;
}

type ReadResult = { ok: true; entry: Record<string, unknown> } | { ok: false; error: ReadError };

const NOT_FOUND = "Secrets Manager can't find the specified secret.";

function readSecretValue(ctx: SmContext, secretId: string, versionId?: string, versionStage?: string): ReadResult {
  const secret = ctx.state.findSecret(secretId, ctx.region, ctx.caller.accountId);
  const resource = secret?.arn ?? resourceArnFor(ctx, secretId);
  if (!isAllowed(ctx.statements, "secretsmanager:GetSecretValue", resource)) {
    return deny("AccessDeniedException", notAuthorizedMessage(ctx.caller.arn, "secretsmanager:GetSecretValue", resource));
  }
  if (!secret) return deny("ResourceNotFoundException", NOT_FOUND);
  if (secret.deletedDate !== undefined) {
    return deny("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
  }
  if (secret.kmsKeyId) {
    if (!isAllowed(ctx.statements, "kms:Decrypt", secret.kmsKeyId)) {
      return deny("AccessDeniedException", "Access to KMS is not allowed");
    }
    if (ctx.state.isKmsKeyDisabled(secret.kmsKeyId)) {
      return deny("DecryptionFailure", "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
    }
  }
  // Neither given means AWSCURRENT; a VersionId alone picks that version whatever its labels.
  const stage = versionStage ?? (versionId === undefined ? "AWSCURRENT" : undefined);
  const version = secret.versions.find((v) => (versionId === undefined || v.versionId === versionId) && (stage === undefined || v.stages.includes(stage)));
  if (!version) {
    const which = versionId !== undefined ? `VersionId: ${versionId}` : `staging label: ${versionStage}`;
    return deny("ResourceNotFoundException", `Secrets Manager can't find the specified secret value for ${which}`);
  }
  const entry: Record<string, unknown> = {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    VersionStages: [...version.stages],
    CreatedDate: version.createdDate / 1000,
  };
  if (version.secretString !== undefined) entry.SecretString = version.secretString;
  if (version.secretBinary !== undefined) entry.SecretBinary = version.secretBinary.toString("base64");
  return { ok: true, entry };
}

/** The ARN IAM evaluates for an id that names no existing secret. */
function resourceArnFor(ctx: SmContext, secretId: string): string {
  if (secretId.startsWith("arn:")) return secretId;
  return `arn:aws:secretsmanager:${ctx.region}:${ctx.caller.accountId}:secret:${secretId}`;
}

const deny = (code: string, message: string): ReadResult => ({ ok: false, error: { code, message } });

const STATUS: Record<string, number> = { AccessDeniedException: 400, ResourceNotFoundException: 400, DecryptionFailure: 400, InvalidRequestException: 400 };

export function getSecretValue(ctx: SmContext): HttpReply {
  const { SecretId, VersionId, VersionStage } = ctx.input;
  if (typeof SecretId !== "string" || SecretId.length === 0) {
    return jsonError(
      400,
      "ValidationException",
      "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
      "message",
    );
  }
  const result = readSecretValue(ctx, SecretId, optionalString(VersionId), optionalString(VersionStage));
  if (!result.ok) return jsonError(STATUS[result.error.code] ?? 400, result.error.code, result.error.message);
  return jsonOk(result.entry);
}

export function batchGetSecretValue(ctx: SmContext): HttpReply {
  if (!isAllowed(ctx.statements, "secretsmanager:BatchGetSecretValue", "*")) {
    return jsonError(400, "AccessDeniedException", notAuthorizedMessage(ctx.caller.arn, "secretsmanager:BatchGetSecretValue"));
  }
  const { SecretIdList, Filters } = ctx.input;
  if ((SecretIdList === undefined) === (Filters === undefined)) {
    return jsonError(400, "InvalidParameterException", "You must provide either SecretIdList or Filters, but not both.");
  }
  let ids: string[];
  let nextToken: string | undefined;
  if (SecretIdList !== undefined) {
    if (!Array.isArray(SecretIdList) || SecretIdList.some((id) => typeof id !== "string" || id.length === 0)) {
      return jsonError(400, "SerializationException", "Start of list found where not expected", "message");
    }
    if (SecretIdList.length < 1 || SecretIdList.length > 20) {
      return jsonError(
        400,
        "ValidationException",
        `1 validation error detected: Value '[${SecretIdList.join(", ")}]' at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20`,
        "message",
      );
    }
    ids = SecretIdList as string[];
  } else {
    // Filters make it a listing first, so ListSecrets is needed as well.
    if (!isAllowed(ctx.statements, "secretsmanager:ListSecrets", "*")) {
      return jsonError(400, "AccessDeniedException", notAuthorizedMessage(ctx.caller.arn, "secretsmanager:ListSecrets"));
    }
    const parsed = parseListInput(ctx.input, 20);
    if ("reply" in parsed) return parsed.reply;
    const page = listPage(filterSecrets(ctx, parsed.filters), parsed);
    ids = page.items.map((s: SecretRecord) => s.arn);
    nextToken = page.nextToken;
  }
  const SecretValues: Array<Record<string, unknown>> = [];
  const Errors: Array<{ SecretId: string; ErrorCode: string; Message: string }> = [];
  for (const id of ids) {
    const result = entryFaultFor(ctx, id) ?? readSecretValue(ctx, id);
    if (result.ok) SecretValues.push(result.entry);
    else Errors.push({ SecretId: id, ErrorCode: result.error.code, Message: result.error.message });
  }
  return jsonOk({ SecretValues, Errors, ...(nextToken ? { NextToken: nextToken } : {}) });
}

/** Messages as the service words each per-secret error, so the entry looks like a real one. */
function entryFaultFor(ctx: SmContext, id: string): ReadResult | undefined {
  const fault = ctx.entryFault;
  if (!fault || (fault.secretId !== undefined && fault.secretId !== id)) return undefined;
  const messages: Record<string, string> = {
    ResourceNotFoundException: NOT_FOUND,
    AccessDeniedException: notAuthorizedMessage(
      ctx.caller.arn,
      "secretsmanager:GetSecretValue",
      ctx.state.findSecret(id, ctx.region, ctx.caller.accountId)?.arn ?? resourceArnFor(ctx, id),
    ),
    DecryptionFailure: "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
    InvalidParameterException: "You provided an invalid value for a parameter.",
    InvalidRequestException: "You can't perform this operation on the secret because it was marked for deletion.",
    InternalServiceError: "An error occurred on the server side.",
  };
  return deny(fault.code, messages[fault.code] ?? fault.code);
}

const optionalString = (v: unknown) => (typeof v === "string" ? v : undefined);
