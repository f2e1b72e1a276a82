// AWS failures as SecretsErrors that name the cause and the admin's next step (docs/errors.md "Troubleshooting"
// table). Messages carry ARNs, permissions and the External ID, which are not secret; never a secret value.
import { notFound, SecretsError } from "@/lib/secrets/errors";
import { PROVIDER_LABELS } from "@/lib/secrets/types";
import { accountOfArn, parseSecretArn, roleNameFromArn } from "@/lib/secrets/contracts/aws-arn";
import { checkAwsRegion } from "@/lib/secrets/contracts/aws-regions";
import { type CallFacts, unavailableCall } from "@/lib/secrets/http-status";
import type { NetworkFailure } from "@/lib/secrets/network-failure";

export const SM = PROVIDER_LABELS.aws;
export const STS = "AWS STS";

export type AwsOperation = "AssumeRole" | "ListSecrets" | "GetSecretValue" | "BatchGetSecretValue" | "DescribeSecret" | "ListSecretVersionIds";

export interface AwsErrorContext {
  operation: AwsOperation;
  roleArn: string;
  externalId: string;
  platformAccountId: string;
  /** The secret the call was about, when it was about one. */
  secretArn?: string;
}

export const PERMISSION: Record<Exclude<AwsOperation, "AssumeRole">, string> = {
  ListSecrets: "secretsmanager:ListSecrets",
  GetSecretValue: "secretsmanager:GetSecretValue",
  BatchGetSecretValue: "secretsmanager:BatchGetSecretValue",
  DescribeSecret: "secretsmanager:DescribeSecret",
  ListSecretVersionIds: "secretsmanager:ListSecretVersionIds",
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function assumeRoleDenied(ctx: Pick<AwsErrorContext, "roleArn" | "externalId" | "platformAccountId">): SecretsError {
  const principal = `arn:aws:iam::${ctx.platformAccountId}:root`;
  return new SecretsError({
    code: "aws_assume_role_denied",
    category: "authorization",
    message: `AWS refused to let Keyhold assume ${ctx.roleArn}: the role's trust policy does not allow principal ${principal} with External ID ${ctx.externalId} (or the role does not exist).`,
    fix: `Check the role ARN, then edit the role's trust relationship: principal ${principal}, action sts:AssumeRole, condition StringEquals sts:ExternalId = ${ctx.externalId}.`,
    command: `aws iam get-role --role-name ${roleNameFromArn(ctx.roleArn)}`,
    snippet: json({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: principal },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": ctx.externalId } },
        },
      ],
    }),
  });
}

export function accessDenied(permission: string, ctx: Pick<AwsErrorContext, "roleArn" | "secretArn">): SecretsError {
  const account = (ctx.secretArn && accountOfArn(ctx.secretArn)) ?? accountOfArn(ctx.roleArn) ?? "<account>";
  // ListSecrets and BatchGetSecretValue only work on Resource "*"; reads can be scoped to the secrets.
  const resource =
    permission.endsWith("ListSecrets") || permission.endsWith("BatchGetSecretValue") ? "*" : (ctx.secretArn ?? `arn:aws:secretsmanager:*:${account}:secret:*`);
  const actions =
    resource === "*"
      ? ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"]
      : ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];
  const on = ctx.secretArn && resource !== "*" ? ` on ${ctx.secretArn}` : "";
  return new SecretsError({
    code: "aws_access_denied",
    category: "authorization",
    message: `The role ${ctx.roleArn} lacks ${permission}${on}.`,
    fix: `Add a statement allowing ${permission} on ${resource === "*" ? '"*"' : resource} to the role's permission policy.`,
    permission,
    snippet: json({ Effect: "Allow", Action: actions, Resource: resource }),
    command: simulateCommand(
      ctx.roleArn,
      ["secretsmanager:GetSecretValue", "secretsmanager:ListSecrets", ...(permission.endsWith("BatchGetSecretValue") ? [permission] : [])],
      ctx.secretArn,
    ),
  });
}

export function kmsDecryptDenied(ctx: Pick<AwsErrorContext, "roleArn" | "secretArn">, detail: { kmsKeyId?: string; keyUnusable?: boolean } = {}): SecretsError {
  const parts = ctx.secretArn ? parseSecretArn(ctx.secretArn) : undefined;
  const key = detail.kmsKeyId ?? `arn:aws:kms:${parts?.region ?? "<region>"}:${parts?.accountId ?? "<account>"}:key/<key id>`;
  const secret = ctx.secretArn ?? "the secret";
  return new SecretsError({
    code: "aws_kms_decrypt_denied",
    category: "authorization",
    message: detail.keyUnusable
      ? `AWS could not decrypt ${secret} with its KMS key${detail.kmsKeyId ? ` ${detail.kmsKeyId}` : ""}: the role lacks kms:Decrypt on it, or the key is disabled or not shared with the role's account.`
      : `The role ${ctx.roleArn} lacks kms:Decrypt on the KMS key that encrypts ${secret}${detail.kmsKeyId ? ` (${detail.kmsKeyId})` : ""}.`,
    fix: "Allow kms:Decrypt on the secret's customer-managed key in the role's permission policy, and check that the key is enabled and its key policy lets the account's IAM policies grant it.",
    permission: "kms:Decrypt",
    snippet: json({ Effect: "Allow", Action: "kms:Decrypt", Resource: key }),
    command: simulateCommand(ctx.roleArn, ["kms:Decrypt"], detail.kmsKeyId),
  });
}

export function secretNotFound(secretArn: string, suggestions: string[] = []): SecretsError {
  const region = parseSecretArn(secretArn)?.region;
  return notFound(secretArn, suggestions, `aws secretsmanager describe-secret --secret-id ${secretArn}${region ? ` --region ${region}` : ""}`);
}

export function invalidSecretArn(arn: string): SecretsError {
  return new SecretsError({
    code: "invalid_reference",
    category: "configuration",
    message: `Not a Secrets Manager secret ARN: ${arn}.`,
    fix: "Use the secret's full ARN: arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>-<6 characters>.",
  });
}

export function platformCredentialsRejected(platformAccountId: string, code: string): SecretsError {
  return new SecretsError({
    code: "invalid_configuration",
    category: "configuration",
    message:
      code === "CredentialsProviderError"
        ? "Keyhold found no AWS credentials of its own, so no customer role can be assumed."
        : `AWS STS refused Keyhold's own AWS credentials (${code}), so no customer role can be assumed.`,
    fix: `Check the Keyhold server's AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profile or instance role): they must be valid credentials of account ${platformAccountId}.`,
    command: "aws sts get-caller-identity",
  });
}

function simulateCommand(roleArn: string, actions: string[], resourceArn?: string): string {
  const resources = resourceArn ? ` --resource-arns ${resourceArn}` : "";
  return `aws iam simulate-principal-policy --policy-source-arn ${roleArn} --action-names ${actions.join(" ")}${resources}`;
}

/**
 * AWS was not reached. When the endpoint that did not resolve names a region the SDK does not know (a region
 * saved with "Use it anyway", or an ARN's), the fix says so: `us-esat-1` is a typo far more often than an outage.
 */
export function awsUnreachable(facts: CallFacts, network: NetworkFailure): SecretsError {
  const outage = unavailableCall(facts, network.text);
  const region = /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/.exec(network.target ?? "")?.[1];
  const check = region ? checkAwsRegion(region) : undefined;
  if (network.code !== "ENOTFOUND" || !region || !check || check.known) return outage;
  const hint = check.suggestions.length ? ` (did you mean ${check.suggestions[0]}?)` : "";
  return new SecretsError({
    ...outage.toJSON(),
    fix: `The region "${region}" is not one the AWS SDK knows${hint}. Correct it in the secrets settings, or in the reference's ARN if the ARN names it. If the region is right (a new one), check DNS from the Keyhold server.`,
  });
}
