// Contract tests: the provider through the real AWS SDK against the emulator (SigV4, STS, JSON 1.1), for the
// happy paths, batching, the credential cache and the retry/deadline behaviour.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { ProviderOwner, SecretRef } from "@/lib/secrets/types";
import type { RetryPolicy } from "@/lib/secrets/retry";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn } from "@/e2e/emulators/aws/test-fixture";
import { clearAwsCredentialCache, createAwsProvider } from "./index";
import { resetEmulator } from "@/e2e/emulators/reset";

let env: AwsTestEnv;
const FAST: Partial<RetryPolicy> = { baseDelayMs: 1, maxDelayMs: 5 };
const OWNER: ProviderOwner = { workspaceId: 7, projectId: 9 };

function makeProvider(role = "keyhold-full", retryPolicy: Partial<RetryPolicy> = FAST, owner = OWNER) {
  return createAwsProvider(
    { kind: "aws", owner, settings: { roleArn: roleArn(role), region: "us-east-1" } },
    { platformAccountId: "111122223333", retryPolicy },
  );
}

const arn = (name: string, suffix: string, region = "us-east-1") => `arn:aws:secretsmanager:${region}:${CUSTOMER_ACCOUNT}:secret:${name}-${suffix}`;
const ref = (secretArn: string, key = "password"): SecretRef => ({ kind: "aws", key, arn: secretArn });
const DB = arn("prod/db", "Ab12Cd");

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

async function fetchOne(secretArn: string, provider = makeProvider()) {
  const results = await provider.fetchSecrets([ref(secretArn)]);
  const outcome = results.get(secretVersionKey(ref(secretArn)));
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

describe("AWS provider: reads", () => {
  it("test() assumes the role and lists the first page", async () => {
    const result = await makeProvider().test();
    expect(result.secretCount).toBe(49); // us-east-1 only: 4 named + 45 bulk
    expect(result.sampleNames).toEqual(["prod/db", "prod/api-token", "prod/tls-key", "canary/secret", "bulk/secret-00"]);
    expect(result.identity).toBe(`Assumed ${roleArn("keyhold-full")} as keyhold-w7-p9`);
  });

  it("fetches a JSON secret, a plain-text secret and a binary secret", async () => {
    const json = await fetchOne(DB);
    expect(json.ok && "text" in json.payload && JSON.parse(json.payload.text)).toEqual({
      username: "app",
      password: "db-pass-1",
      host: "db.internal",
    });
    expect(await fetchOne(arn("prod/api-token", "Ef34Gh"))).toEqual({ ok: true, payload: { text: "plain-token-value" } });
    const binary = await fetchOne(arn("prod/tls-key", "Ij56Kl"));
    expect(binary.ok && "binary" in binary.payload && [...binary.payload.binary]).toEqual([0, 1, 2, 250, 251, 255]);
  });

  it("lists with a prefix, pages, and reports JSON key names without values", async () => {
    const provider = makeProvider();
    const first = await provider.listSecrets({ prefix: "prod/", pageSize: 2, includeKeys: true });
    expect(first.items.map((i) => i.name)).toEqual(["prod/db", "prod/api-token"]);
    expect(first.items[0]).toEqual({ name: "prod/db", id: DB, keys: ["username", "password", "host"], updatedAt: "2024-01-01T00:00:00.000Z" });
    expect(first.items[1]!.keys).toBeUndefined(); // plain text has no keys
    expect(JSON.stringify(first)).not.toContain("db-pass-1");
    const second = await provider.listSecrets({ prefix: "prod/", pageSize: 2, pageToken: first.nextPageToken });
    expect(second.items.map((i) => i.name)).toEqual(["prod/tls-key"]);
    expect(second.nextPageToken).toBeUndefined();
  });

  it("batches 45 distinct secrets into exactly 3 BatchGetSecretValue calls, each ARN once", async () => {
    const listing = await makeProvider().listSecrets({ prefix: "bulk/", pageSize: 100 });
    expect(listing.items).toHaveLength(45);
    env.emulator.resetCalls();
    // Two keys of one secret share its fetch: 45 secrets, 46 references.
    const refs = [...listing.items.map((i) => ref(i.id)), ref(listing.items[0]!.id, "other")];
    const results = await makeProvider().fetchSecrets(refs);
    expect(results.size).toBe(45);
    expect([...results.values()].every((o) => o.ok)).toBe(true);
    expect(env.emulator.calls().BatchGetSecretValue).toBe(3);
  });

  it("groups references by the ARN's region, one batch per region", async () => {
    const results = await makeProvider().fetchSecrets([ref(DB), ref(arn("eu/db", "Qr90St", "eu-west-1"))]);
    expect([...results.values()].map((o) => o.ok)).toEqual([true, true]);
    expect(results.get(arn("eu/db", "Qr90St", "eu-west-1"))).toEqual({ ok: true, payload: { text: "eu-value" } });
    expect(env.emulator.calls().BatchGetSecretValue).toBe(2);
  });

  it("caches the role session: two fetches (and two provider instances) make one AssumeRole", async () => {
    await makeProvider().fetchSecrets([ref(DB)]);
    await makeProvider().fetchSecrets([ref(DB)]);
    expect(env.emulator.calls().AssumeRole).toBe(1);
    expect(env.emulator.calls().BatchGetSecretValue).toBe(2);
  });

  it("sees a rotated value on the next fetch, and a revoked permission at once", async () => {
    const provider = makeProvider();
    env.emulator.setState({ op: "putSecretValue", name: "prod/api-token", secretString: "rotated" });
    expect(await fetchOne(arn("prod/api-token", "Ef34Gh"), provider)).toEqual({ ok: true, payload: { text: "rotated" } });
    env.emulator.setState({ op: "setRolePermissions", roleArn: roleArn("keyhold-full"), permissions: [] });
    const denied = await fetchOne(arn("prod/api-token", "Ef34Gh"), provider);
    expect(!denied.ok && denied.error.code).toBe("aws_access_denied");
  });
});

describe("AWS provider: retries and deadlines", () => {
  it("retries throttling, then succeeds", async () => {
    env.emulator.injectFault({ kind: "throttle", operation: "BatchGetSecretValue", count: 2 });
    expect((await fetchOne(DB)).ok).toBe(true);
    expect(env.emulator.calls().BatchGetSecretValue).toBe(3);
  });

  it("retries a 5xx and a dropped connection, then succeeds", async () => {
    env.emulator.injectFault({ kind: "server_error", operation: "BatchGetSecretValue" });
    env.emulator.injectFault({ kind: "drop", operation: "BatchGetSecretValue" });
    expect((await fetchOne(DB)).ok).toBe(true);
    expect(env.emulator.calls().BatchGetSecretValue).toBe(3);
  });

  it("retries a throttled AssumeRole", async () => {
    env.emulator.injectFault({ kind: "throttle", operation: "AssumeRole" });
    expect((await fetchOne(DB)).ok).toBe(true);
    expect(env.emulator.calls().AssumeRole).toBe(2);
  });

  it("gives up at the overall deadline when every attempt hangs", async () => {
    await makeProvider().test(); // a cached session, so every attempt below is a BatchGetSecretValue
    env.emulator.resetCalls();
    env.emulator.injectFault({ kind: "latency", operation: "BatchGetSecretValue", delayMs: 3_000, count: 100 });
    const policy = { attemptTimeoutMs: 150, overallTimeoutMs: 500, baseDelayMs: 1, maxDelayMs: 5 };
    const started = Date.now();
    const outcome = await fetchOne(DB, makeProvider("keyhold-full", policy));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(!outcome.ok && outcome.error.code).toBe("timeout");
    expect(env.emulator.calls().BatchGetSecretValue).toBeGreaterThanOrEqual(2);
  });

  it("reports a persistent outage in the unavailable category (503), retryable, without retrying forever", async () => {
    env.emulator.injectFault({ kind: "server_error", operation: "BatchGetSecretValue", count: 1_000 });
    const outcome = await fetchOne(DB, makeProvider("keyhold-full", { ...FAST, overallTimeoutMs: 300 }));
    // withRetries ends a run of retryable failures at the deadline ("timeout") or on the last error ("unavailable").
    expect(!outcome.ok && outcome.error).toMatchObject({ category: "unavailable", retryable: true });
    expect(["unavailable", "timeout"]).toContain(outcome.ok ? "ok" : outcome.error.code);
  });

  it("maps a non-retryable provider error without retrying", async () => {
    env.emulator.setState({ op: "deleteSecret", name: "prod/db" });
    await makeProvider().test(); // assume the role first, and let any request of an earlier test land
    env.emulator.resetCalls();
    const outcome = await fetchOne(DB);
    expect(!outcome.ok && outcome.error.code).toBe("not_found");
    expect(env.emulator.calls().BatchGetSecretValue).toBe(1);
  });
});
