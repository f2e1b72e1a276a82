// The IAM documents the AWS guide generates for a customer's role (docs/formats.md, "External ID and AWS role").
// The External ID and ARN formats they embed live in lib/secrets/contracts.
// Pure functions: the guide shows them, offers them as downloads, and tests parse them.
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
