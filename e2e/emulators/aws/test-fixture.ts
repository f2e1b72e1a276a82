// A fixture for contract tests: one role per missing permission, a role with the wrong trust principal, the
// three payload kinds, 45 bulk secrets for batching, a second region, and a canary value that must never
// appear in an error.
import type { AwsFixture, AwsPolicyStatement } from "./fixture";

export const TEST_PLATFORM = {
  accountId: "111122223333",
  accessKeyId: "AKIATESTPLATFORM0001",
  secretAccessKey: "testPlatformSecretKey/NotARealAwsKey00001",
} as const;

export const CUSTOMER_ACCOUNT = "123456789012";
export const KMS_KEY = `arn:aws:kms:us-east-1:${CUSTOMER_ACCOUNT}:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`;
export const CANARY = "CANARY-5e1f0c2b-do-not-leak";
export const roleArn = (name: string) => `arn:aws:iam::${CUSTOMER_ACCOUNT}:role/${name}`;
/** The External ID of workspace 7, project 9: what the tests' provider owner produces. */
export const TEST_EXTERNAL_ID = "workato_iam_external_id_7_9";

const LIST: AwsPolicyStatement = { actions: ["secretsmanager:ListSecrets"], resources: ["*"] };
const BATCH: AwsPolicyStatement = { actions: ["secretsmanager:BatchGetSecretValue"], resources: ["*"] };
const READ: AwsPolicyStatement = {
  actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
  resources: [`arn:aws:secretsmanager:*:${CUSTOMER_ACCOUNT}:secret:*`],
};
const DESCRIBE: AwsPolicyStatement = { actions: ["secretsmanager:DescribeSecret"], resources: ["*"] };
const VERSIONS: AwsPolicyStatement = { actions: ["secretsmanager:ListSecretVersionIds"], resources: ["*"] };
/** Values only: rotation tracking (DescribeSecret) is refused, as for a role written before metadata polling. */
const READ_VALUES_ONLY: AwsPolicyStatement = {
  actions: ["secretsmanager:GetSecretValue"],
  resources: [`arn:aws:secretsmanager:*:${CUSTOMER_ACCOUNT}:secret:*`],
};

function role(name: string, permissions: AwsPolicyStatement[], kms = true, trustedAccount: string = TEST_PLATFORM.accountId) {
  return {
    arn: roleArn(name),
    trustedPrincipal: `arn:aws:iam::${trustedAccount}:root`,
    externalId: TEST_EXTERNAL_ID,
    permissions,
    ...(kms ? { kmsKeys: [KMS_KEY] } : {}),
  };
}

export function testFixture(): AwsFixture {
  const secret = (name: string, value: Partial<AwsFixture["secrets"][number]>, region = "us-east-1") => ({
    name,
    region,
    accountId: CUSTOMER_ACCOUNT,
    ...value,
  });
  return {
    platform: { ...TEST_PLATFORM, userName: "keyhold-platform" },
    roles: [
      role("keyhold-full", [LIST, BATCH, READ]),
      role("keyhold-no-list", [BATCH, READ]),
      role("keyhold-no-get", [LIST, BATCH, DESCRIBE]),
      role("keyhold-no-batch", [LIST, READ]),
      role("keyhold-no-kms", [LIST, BATCH, READ], false),
      role("keyhold-rotation", [LIST, BATCH, READ, VERSIONS]),
      role("keyhold-no-describe", [LIST, BATCH, READ_VALUES_ONLY]),
      role("keyhold-other-principal", [LIST, BATCH, READ], true, "999988887777"),
    ],
    secrets: [
      secret("prod/db", {
        arnSuffix: "Ab12Cd",
        secretString: JSON.stringify({ username: "app", password: "db-pass-1", host: "db.internal" }),
        kmsKeyId: KMS_KEY,
      }),
      secret("prod/api-token", { arnSuffix: "Ef34Gh", secretString: "plain-token-value" }),
      secret("prod/tls-key", { arnSuffix: "Ij56Kl", secretBinary: Buffer.from([0, 1, 2, 250, 251, 255]).toString("base64") }),
      secret("canary/secret", {
        arnSuffix: "Mn78Op",
        secretString: JSON.stringify({ password: CANARY }),
        kmsKeyId: KMS_KEY,
      }),
      secret("eu/db", { arnSuffix: "Qr90St", secretString: "eu-value" }, "eu-west-1"),
      ...Array.from({ length: 45 }, (_, i) => secret(`bulk/secret-${String(i).padStart(2, "0")}`, { secretString: `bulk-${i}` })),
    ],
  };
}
