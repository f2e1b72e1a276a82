// The IAM documents the AWS guide generates for a customer's role (DESIGN.md "External ID and AWS role").
// Pure functions: the guide shows them, offers them as downloads, and tests parse them.
import type { ProviderOwner } from "./types";

export function externalIdFor(owner: ProviderOwner): string {
  return owner.projectId === undefined
    ? `workato_iam_external_id_${owner.workspaceId}`
    : `workato_iam_external_id_${owner.workspaceId}_${owner.projectId}`;
}

export const ROLE_ARN_PATTERN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;

export function parseRoleArn(arn: string): { accountId: string; roleName: string } | null {
  const m = ROLE_ARN_PATTERN.exec(arn);
  if (!m) return null;
  const path = m[3]!;
  return { accountId: m[2]!, roleName: path.slice(path.lastIndexOf("/") + 1) };
}

export function trustPolicy(platformAccountId: string, externalId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${platformAccountId}:root` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
}

interface PermissionPolicyOptions {
  /** The customer's account; "*" until a role ARN is known. */
  customerAccountId?: string;
  /** Narrows GetSecretValue/DescribeSecret to secrets whose names start with it. */
  secretNamePrefix?: string;
  /** ARN of a customer-managed KMS key, when the secrets use one. */
  kmsKeyArn?: string;
}

/** Two statements because IAM requires it: List/BatchGet only work on Resource "*". */
export function permissionPolicy(options: PermissionPolicyOptions = {}) {
  const account = options.customerAccountId ?? "*";
  const prefix = options.secretNamePrefix?.trim();
  const statements: object[] = [
    {
      Sid: "KeyholdListSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"],
      Resource: "*",
    },
    {
      Sid: "KeyholdReadSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: prefix ? `arn:aws:secretsmanager:*:${account}:secret:${prefix}*` : "*",
    },
  ];
  if (options.kmsKeyArn) {
    statements.push({ Sid: "KeyholdDecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: options.kmsKeyArn });
  }
  return { Version: "2012-10-17", Statement: statements };
}
