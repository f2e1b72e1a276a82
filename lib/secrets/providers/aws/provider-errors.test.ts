// Contract tests for the troubleshooting table: each AWS refusal becomes a SecretsError naming its cause, the
// missing permission and a prefilled CLI command; and no error ever carries a secret value.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SecretsError } from "@/lib/secrets/errors";
import type { FetchOutcome, ProviderOwner, SecretRef } from "@/lib/secrets/types";
import type { RetryPolicy } from "@/lib/secrets/retry";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CANARY, CUSTOMER_ACCOUNT, KMS_KEY, roleArn } from "@/e2e/emulators/aws/test-fixture";
import { clearAwsCredentialCache, createAwsProvider } from "./index";
import { resetEmulator } from "@/e2e/emulators/reset";

let env: AwsTestEnv;
const FAST: Partial<RetryPolicy> = { baseDelayMs: 1, maxDelayMs: 5 };

function makeProvider(role: string, owner: ProviderOwner = { workspaceId: 7, projectId: 9 }, policy = FAST) {
  return createAwsProvider(
    { kind: "aws", owner, settings: { roleArn: roleArn(role), region: "us-east-1" } },
    { platformAccountId: "111122223333", retryPolicy: policy },
  );
}

const arn = (name: string, suffix: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-${suffix}`;
const DB = arn("prod/db", "Ab12Cd");
const CANARY_ARN = arn("canary/secret", "Mn78Op");

async function fetchError(role: string, secretArn: string, owner?: ProviderOwner, policy?: Partial<RetryPolicy>): Promise<SecretsError> {
  const ref: SecretRef = { kind: "aws", key: "password", arn: secretArn };
  const outcome: FetchOutcome | undefined = (await makeProvider(role, owner, policy).fetchSecrets([ref])).get(secretArn);
  if (!outcome || outcome.ok) throw new Error("expected a failure");
  return outcome.error;
}

async function rejection(promise: Promise<unknown>): Promise<SecretsError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(SecretsError);
    return err as SecretsError;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  env = await startAwsTestEnv();
});
afterAll(async () => {
  await env.stop();
});
beforeEach(() => {
  clearAwsCredentialCache();
  resetEmulator(env.emulator);
});

describe("AWS provider: troubleshooting errors", () => {
  it("names the closest secret names when an ARN does not exist", async () => {
    const error = await fetchError("keyhold-full", arn("prod/dbb", "Zz99Zz"));
    expect(error).toMatchObject({ code: "not_found", category: "authorization", suggestions: ["prod/db"] });
    expect(error.message).toContain("prod/db");
    expect(error.command).toBe(`aws secretsmanager describe-secret --secret-id ${arn("prod/dbb", "Zz99Zz")} --region us-east-1`);
  });

  it("still reports not-found, without suggestions, when the role may not list", async () => {
    const error = await fetchError("keyhold-no-list", arn("prod/dbb", "Zz99Zz"));
    expect(error).toMatchObject({ code: "not_found", suggestions: [] });
  });

  it("missing secretsmanager:ListSecrets fails test() naming the permission and the policy", async () => {
    const { steps } = await makeProvider("keyhold-no-list").test();
    const error = steps.find((s) => s.kind === "list" && s.status === "failed")!.error!;
    expect(error).toMatchObject({ code: "aws_access_denied", category: "authorization", permission: "secretsmanager:ListSecrets" });
    expect(error.message).toContain("secretsmanager:ListSecrets");
    expect(JSON.parse(error.snippet!)).toEqual({
      Effect: "Allow",
      Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"],
      Resource: "*",
    });
    expect(error.command).toBe(
      `aws iam simulate-principal-policy --policy-source-arn ${roleArn("keyhold-no-list")} --action-names secretsmanager:GetSecretValue secretsmanager:ListSecrets`,
    );
  });

  it("missing secretsmanager:GetSecretValue names the permission and the secret", async () => {
    const error = await fetchError("keyhold-no-get", DB);
    expect(error).toMatchObject({ code: "aws_access_denied", permission: "secretsmanager:GetSecretValue" });
    expect(error.message).toContain(DB);
    expect(JSON.parse(error.snippet!)).toMatchObject({ Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: DB });
    expect(error.command).toContain(`--resource-arns ${DB}`);
  });

  it("missing kms:Decrypt names the permission and the secret's key", async () => {
    const error = await fetchError("keyhold-no-kms", DB);
    expect(error).toMatchObject({ code: "aws_kms_decrypt_denied", category: "authorization", permission: "kms:Decrypt" });
    expect(error.message).toContain(KMS_KEY);
    expect(JSON.parse(error.snippet!)).toEqual({ Effect: "Allow", Action: "kms:Decrypt", Resource: KMS_KEY });
  });

  it("a wrong External ID is an assume-role denial naming the expected principal and External ID", async () => {
    const error = await rejection(makeProvider("keyhold-full", { workspaceId: 7, projectId: 10 }).test());
    expect(error).toMatchObject({ code: "aws_assume_role_denied", category: "authorization" });
    expect(error.message).toContain("arn:aws:iam::111122223333:root");
    expect(error.message).toContain("workato_iam_external_id_7_10");
    expect(error.command).toBe("aws iam get-role --role-name keyhold-full");
    expect(JSON.parse(error.snippet!).Statement[0]).toMatchObject({
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Condition: { StringEquals: { "sts:ExternalId": "workato_iam_external_id_7_10" } },
    });
  });

  it("a trust policy naming another principal is an assume-role denial too, for every reference", async () => {
    const error = await fetchError("keyhold-other-principal", DB);
    expect(error.code).toBe("aws_assume_role_denied");
    expect(error.message).toContain("arn:aws:iam::111122223333:root");
    expect(error.message).toContain("workato_iam_external_id_7_9");
    expect(env.emulator.calls().BatchGetSecretValue).toBeUndefined();
  });

  it("refuses a malformed ARN before calling AWS", async () => {
    const error = await fetchError("keyhold-full", "arn:aws:secretsmanager:us-east-1:123:secret:short");
    expect(error.code).toBe("invalid_reference");
    expect(env.emulator.calls()).toEqual({});
  });

  it("reports rejected platform credentials as a configuration problem, not a role problem", async () => {
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = "wrong-platform-secret-key";
    try {
      const error = await rejection(makeProvider("keyhold-full").test());
      expect(error).toMatchObject({ code: "invalid_configuration", category: "configuration", command: "aws sts get-caller-identity" });
      expect(error.message).toContain("SignatureDoesNotMatch");
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = saved;
    }
  });
});

describe("AWS provider: secret values never leak", () => {
  it("no error about the canary secret carries its value", async () => {
    const errors: SecretsError[] = [
      await fetchError("keyhold-no-get", CANARY_ARN),
      await fetchError("keyhold-no-kms", CANARY_ARN),
      await fetchError("keyhold-other-principal", CANARY_ARN),
    ];
    env.emulator.setState({ op: "setRolePermissions", roleArn: roleArn("keyhold-full"), permissions: [] });
    errors.push(await fetchError("keyhold-full", CANARY_ARN));
    env.emulator.setState({ op: "reset" });
    env.emulator.injectFault({ kind: "latency", operation: "BatchGetSecretValue", delayMs: 1_000, count: 10 });
    errors.push(await fetchError("keyhold-full", CANARY_ARN, undefined, { attemptTimeoutMs: 100, overallTimeoutMs: 250 }));
    env.emulator.clearFaults();
    // A fixture whose not-found neighbour is the canary secret: suggestions carry its name, never its value.
    errors.push(await fetchError("keyhold-full", `${CANARY_ARN.slice(0, -7)}x-Mn78Op`));

    expect(errors.map((e) => e.code)).toEqual([
      "aws_access_denied",
      "aws_kms_decrypt_denied",
      "aws_assume_role_denied",
      "aws_access_denied",
      "timeout",
      "not_found",
    ]);
    for (const error of errors) {
      const everything = `${error.message}\n${error.stack}\n${JSON.stringify(error.toJSON())}`;
      expect(everything).not.toContain(CANARY);
      expect(everything).not.toContain("do-not-leak");
    }
  });

  it("listing key names of the canary secret reports the key, not the value", async () => {
    const page = await makeProvider("keyhold-full").listSecrets({ prefix: "canary/", includeKeys: true });
    expect(page.items).toEqual([expect.objectContaining({ name: "canary/secret", keys: ["password"] })]);
    expect(JSON.stringify(page)).not.toContain(CANARY);
  });
});
