// "Test configuration" for AWS proves reading, not only listing: assume role ✓, list ✓/✗, read ✓/✗ per secret
// naming the missing action, against the emulator's roles (keyhold-no-get lists but cannot read).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CANARY, CUSTOMER_ACCOUNT, roleArn } from "@/e2e/emulators/aws/test-fixture";
import { resetEmulator } from "@/e2e/emulators/reset";
import { READ_UNTESTED, testPassed } from "@/lib/secrets/provider-test-steps";
import type { SecretRef } from "@/lib/secrets/types";
import { clearAwsCredentialCache, createAwsProvider } from "./index";

let env: AwsTestEnv;
const arn = (name: string, suffix: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-${suffix}`;
const DB = arn("prod/db", "Ab12Cd");
const CANARY_ARN = arn("canary/secret", "Mn78Op");
const read = (secretArn: string): SecretRef => ({ kind: "aws", key: "password", arn: secretArn });

const makeProvider = (role: string, region = "us-east-1") =>
  createAwsProvider(
    { kind: "aws", owner: { workspaceId: 7, projectId: 9 }, settings: { roleArn: roleArn(role), region } },
    { platformAccountId: "111122223333", retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 } },
  );
const statuses = (steps: Array<{ label: string; status: string }>) => steps.map((s) => [s.label, s.status]);

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

describe("AWS Test configuration", () => {
  it("reads the referenced secrets and reports their shape, never their value", async () => {
    const result = await makeProvider("keyhold-full").test({ reads: [read(DB), read(CANARY_ARN)] });
    expect(statuses(result.steps)).toEqual([
      ["Assume role", "ok"],
      ["List secrets in us-east-1", "ok"],
      ["Read prod/db", "ok"],
      ["Read canary/secret", "ok"],
    ]);
    expect(result.steps[1]!.detail).toBe("49 secrets visible.");
    expect(result.steps[2]!.detail).toBe("Read a JSON secret with 3 keys; the value stays on the server.");
    expect(testPassed(result)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });

  it("fails a role that can list but not read, naming secretsmanager:GetSecretValue on the secret", async () => {
    const result = await makeProvider("keyhold-no-get").test({ reads: [read(DB)] });
    expect(statuses(result.steps)).toEqual([
      ["Assume role", "ok"],
      ["List secrets in us-east-1", "ok"],
      ["Read prod/db", "failed"],
    ]);
    expect(result.steps[2]!.error).toMatchObject({ code: "aws_access_denied", permission: "secretsmanager:GetSecretValue" });
    expect(result.steps[2]!.detail).toContain(`lacks secretsmanager:GetSecretValue on ${DB}`);
    expect(result.steps[2]!.needs).toBe(`secretsmanager:GetSecretValue on ${DB} (BatchGetSecretValue on "*" optional)`);
    expect(testPassed(result)).toBe(false);
  });

  it("passes a role without BatchGetSecretValue, saying it reads one call per secret", async () => {
    const result = await makeProvider("keyhold-no-batch").test({ reads: [read(DB)] });
    expect(testPassed(result)).toBe(true);
    expect(result.steps[2]!.detail).toContain("lacks the optional secretsmanager:BatchGetSecretValue");
  });

  it("says reading is untested when there is nothing to read", async () => {
    const result = await makeProvider("keyhold-full").test();
    expect(result.steps[2]).toMatchObject({ kind: "read", status: "skipped", detail: READ_UNTESTED });
    expect(testPassed(result)).toBe(true);
  });

  it("with 0 secrets visible, names the region searched and that ARNs name their own region", async () => {
    const result = await makeProvider("keyhold-full", "ap-south-1").test({ reads: [read(DB)] });
    expect(result.steps[1]).toMatchObject({ label: "List secrets in ap-south-1", status: "ok" });
    expect(result.steps[1]!.detail).toContain("0 secrets visible in region ap-south-1");
    expect(result.steps[1]!.detail).toContain("References are read in the region their ARN names");
    // The reference's ARN names us-east-1, so it is still read there.
    expect(result.steps[2]!.status).toBe("ok");
  });

  it("still throws when the role cannot be assumed: nothing else can be tested", async () => {
    await expect(makeProvider("keyhold-other-principal").test({ reads: [read(DB)] })).rejects.toMatchObject({ code: "aws_assume_role_denied" });
  });
});
