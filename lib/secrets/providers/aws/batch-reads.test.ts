// A role as the customer guide describes it (ListSecrets + GetSecretValue, no BatchGetSecretValue) reads one
// secret at a time after one refused batch, remembers the refusal, and each entry of a served batch's
// Errors[] is classified by its own code (the emulator's keyhold-no-batch role and batch_entry_error faults).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countCalls } from "@/e2e/emulators/count-calls";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn } from "@/e2e/emulators/aws/test-fixture";
import { resetEmulator } from "@/e2e/emulators/reset";
import type { RetryPolicy } from "@/lib/secrets/retry";
import type { FetchOutcome, SecretRef } from "@/lib/secrets/types";
import { BATCH_DENIAL_MEMORY_MS, BatchReadMode } from "./batch-reads";
import { clearAwsCredentialCache, createAwsProvider } from "./index";

let env: AwsTestEnv;
const FAST: Partial<RetryPolicy> = { baseDelayMs: 1, maxDelayMs: 5 };
const arn = (name: string, suffix: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-${suffix}`;
const DB = arn("prod/db", "Ab12Cd");
const TOKEN = arn("prod/api-token", "Ef34Gh");
const TLS = arn("prod/tls-key", "Ij56Kl");
const ref = (secretArn: string): SecretRef => ({ kind: "aws", key: "password", arn: secretArn });

const makeProvider = (role: string) =>
  createAwsProvider(
    { kind: "aws", owner: { workspaceId: 7, projectId: 9 }, settings: { roleArn: roleArn(role), region: "us-east-1" } },
    { platformAccountId: "111122223333", retryPolicy: FAST },
  );

async function fetchAll(provider: ReturnType<typeof makeProvider>, arns: string[]): Promise<FetchOutcome[]> {
  const results = await provider.fetchSecrets(arns.map(ref));
  return arns.map((a) => results.get(a)!);
}

beforeAll(async () => {
  env = await startAwsTestEnv();
});
afterAll(async () => {
  await env.stop();
});
beforeEach(async () => {
  clearAwsCredentialCache();
  resetEmulator(env.emulator);
  await makeProvider("keyhold-full").listSecrets({ pageSize: 1 }); // the role session of later calls is not counted
});

describe("AWS reads without secretsmanager:BatchGetSecretValue", () => {
  it("reads every secret with GetSecretValue after one refused batch, and remembers the refusal", async () => {
    const provider = makeProvider("keyhold-no-batch");
    const first = await countCalls(env.emulator, () => fetchAll(provider, [DB, TOKEN, TLS]));
    expect(first.result.map((o) => o.ok)).toEqual([true, true, true]);
    expect(first.result[1]).toEqual({ ok: true, payload: { text: "plain-token-value" } });
    expect(first.calls).toMatchObject({ BatchGetSecretValue: 1, GetSecretValue: 3 });

    const again = await countCalls(env.emulator, () => fetchAll(provider, [DB, TOKEN]));
    expect(again.result.every((o) => o.ok)).toBe(true);
    expect(again.calls.BatchGetSecretValue).toBeUndefined();
    expect(again.calls.GetSecretValue).toBe(2);
  });

  it("a cold burst of three chunks costs one refused batch, not three", async () => {
    const listing = await makeProvider("keyhold-full").listSecrets({ prefix: "bulk/", pageSize: 100 });
    const { result, calls } = await countCalls(env.emulator, () =>
      fetchAll(
        makeProvider("keyhold-no-batch"),
        listing.items.map((i) => i.id),
      ),
    );
    expect(result).toHaveLength(45);
    expect(result.every((o) => o.ok)).toBe(true);
    expect(calls).toMatchObject({ BatchGetSecretValue: 1, GetSecretValue: 45 });
  });

  it("a role that may read nothing is told which action is missing on which secret", async () => {
    env.emulator.setState({
      op: "setRolePermissions",
      roleArn: roleArn("keyhold-no-batch"),
      permissions: [{ actions: ["secretsmanager:ListSecrets"], resources: ["*"] }],
    });
    const [outcome] = await fetchAll(makeProvider("keyhold-no-batch"), [DB]);
    expect(!outcome!.ok && outcome!.error).toMatchObject({ code: "aws_access_denied", permission: "secretsmanager:GetSecretValue" });
    expect(!outcome!.ok && outcome!.error.message).toContain(`secretsmanager:GetSecretValue on ${DB}`);
  });

  it("one-by-one reads stay within the deadline when GetSecretValue hangs", async () => {
    env.emulator.injectFault({ kind: "latency", operation: "GetSecretValue", delayMs: 3_000, count: 100 });
    const provider = createAwsProvider(
      { kind: "aws", owner: { workspaceId: 7, projectId: 9 }, settings: { roleArn: roleArn("keyhold-no-batch"), region: "us-east-1" } },
      { platformAccountId: "111122223333", retryPolicy: { attemptTimeoutMs: 150, overallTimeoutMs: 400, baseDelayMs: 1, maxDelayMs: 5 } },
    );
    const started = Date.now();
    const outcomes = await fetchAll(provider, [DB, TOKEN]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcomes.map((o) => !o.ok && o.error.code)).toEqual(["timeout", "timeout"]);
  });

  it("a new provider instance (an edited configuration) tries the batch again", async () => {
    await fetchAll(makeProvider("keyhold-no-batch"), [DB]);
    const { calls } = await countCalls(env.emulator, () => fetchAll(makeProvider("keyhold-no-batch"), [DB]));
    expect(calls).toMatchObject({ BatchGetSecretValue: 1, GetSecretValue: 1 });
  });
});

describe("BatchReadMode", () => {
  it("forgets a refusal after 15 minutes, and waits for the first batch's verdict", async () => {
    let now = 0;
    const mode = new BatchReadMode(() => now);
    let batches = 0;
    const denied = async () => {
      batches++;
      await new Promise((r) => setTimeout(r, 5));
      return "denied" as const;
    };
    expect(await Promise.all([mode.readOneByOne(denied), mode.readOneByOne(denied)])).toEqual([true, true]);
    expect(batches).toBe(1);
    now = BATCH_DENIAL_MEMORY_MS - 1;
    expect(await mode.readOneByOne(denied)).toBe(true);
    expect(batches).toBe(1);
    now = BATCH_DENIAL_MEMORY_MS + 1;
    expect(await mode.readOneByOne(async () => "served")).toBe(false);
    expect(mode.batchDenied).toBe(false);
  });

  it("does not make chunks wait on each other when the first batch fails for another reason (an outage)", async () => {
    const mode = new BatchReadMode();
    let inFlight = 0;
    let most = 0;
    const failing = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return "failed" as const;
    };
    await mode.readOneByOne(failing);
    expect(await Promise.all([1, 2, 3].map(() => mode.readOneByOne(failing)))).toEqual([false, false, false]);
    expect(most).toBe(3);
  });
});

describe("BatchGetSecretValue Errors[] entries, each by its own code", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["ResourceNotFoundException", "not_found", /Secret not found/],
    ["AccessDeniedException", "aws_access_denied", /lacks secretsmanager:GetSecretValue on/],
    ["DecryptionFailure", "aws_kms_decrypt_denied", /could not decrypt/],
    ["InvalidRequestException", "not_found", /scheduled for deletion/],
    ["InvalidParameterException", "invalid_reference", /refused the secret id/],
    ["InternalServiceError", "unavailable", /unavailable/],
  ];
  it.each(cases)("%s → %s, the other secrets served, no one-by-one reads", async (code, expected, message) => {
    env.emulator.injectFault({ kind: "batch_entry_error", operation: "BatchGetSecretValue", code, secretId: TOKEN });
    const { result, calls } = await countCalls(env.emulator, () => fetchAll(makeProvider("keyhold-full"), [DB, TOKEN]));
    expect(result[0]!.ok).toBe(true);
    const error = !result[1]!.ok ? result[1]!.error : undefined;
    expect(error).toMatchObject({ code: expected });
    expect(error!.message).toMatch(message);
    expect(calls.GetSecretValue).toBeUndefined();
  });
});
