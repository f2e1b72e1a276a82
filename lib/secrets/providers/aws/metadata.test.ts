// The AWS metadata reader against the emulator: DescribeSecret only (never a value read), the version moves
// with a rotation, rotation/deletion dates, not-found, and a DescribeSecret denial naming its IAM action.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEmulator } from "@/e2e/emulators/reset";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn } from "@/e2e/emulators/aws/test-fixture";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretRef } from "@/lib/secrets/types";
import { clearAwsCredentialCache, createAwsProvider } from "./index";

let env: AwsTestEnv;
const arn = (name: string, suffix: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-${suffix}`;
const DB: SecretRef = { kind: "aws", key: "password", arn: arn("prod/db", "Ab12Cd") };
const TOKEN: SecretRef = { kind: "aws", key: "", arn: arn("prod/api-token", "Ef34Gh") };
const GONE: SecretRef = { kind: "aws", key: "", arn: arn("prod/nope", "Zz99Zz") };

const provider = (role = "keyhold-rotation") =>
  createAwsProvider(
    { kind: "aws", owner: { workspaceId: 7, projectId: 9 }, settings: { roleArn: roleArn(role), region: "us-east-1" } },
    { platformAccountId: "111122223333", retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 } },
  );

async function metadataOf(ref: SecretRef, role?: string) {
  const report = await provider(role).readMetadata!([ref]);
  const outcome = report.results.get(secretVersionKey(ref));
  if (!outcome) throw new Error("no outcome");
  return { outcome, report };
}

beforeAll(async () => {
  env = await startAwsTestEnv();
});
afterAll(() => env.stop());
beforeEach(() => {
  clearAwsCredentialCache();
  resetEmulator(env.emulator);
});

describe("AWS metadata reader", () => {
  it("costs one DescribeSecret per secret and no value read", async () => {
    await provider().readMetadata!([DB]); // session set-up outside the count
    env.emulator.resetCalls();
    const report = await provider().readMetadata!([DB, TOKEN, { ...DB, key: "username" }]);
    expect(report.strategy).toBe("describe");
    expect(report.calls).toEqual({ DescribeSecret: 2 });
    expect(env.emulator.calls()).toEqual({ DescribeSecret: 2 });
    const db = report.results.get(secretVersionKey(DB));
    expect(db?.ok && db.metadata.exists && typeof db.metadata.version).toBe("string");
  });

  it("sees a rotation as a new version, with its dates", async () => {
    const before = await metadataOf(DB);
    env.emulator.setState({ op: "setRotation", name: "prod/db", enabled: true, everyDays: 30 });
    env.emulator.setState({ op: "rotateSecret", name: "prod/db", secretString: '{"password":"new"}' });
    const after = await metadataOf(DB);
    if (!before.outcome.ok || !after.outcome.ok) throw new Error("expected metadata");
    expect(after.outcome.metadata.version).not.toBe(before.outcome.metadata.version);
    expect(after.outcome.metadata.rotationEnabled).toBe(true);
    expect(Date.parse(after.outcome.metadata.nextRotationAt!) - Date.parse(after.outcome.metadata.lastRotatedAt!)).toBe(30 * 86_400_000);
  });

  it("reports a stuck rotation's AWSPENDING version and a scheduled deletion", async () => {
    env.emulator.setState({ op: "rotateSecret", name: "prod/db", secretString: "x", finish: false });
    env.emulator.setState({ op: "scheduleDeletion", name: "prod/api-token", recoveryDays: 7 });
    const report = await provider().readMetadata!([DB, TOKEN]);
    const db = report.results.get(secretVersionKey(DB));
    const token = report.results.get(secretVersionKey(TOKEN));
    expect(db?.ok && db.metadata.pendingVersion).toMatch(/^[0-9a-f-]{36}$/);
    expect(token?.ok && token.metadata.deletionAt).toBeTruthy();
  });

  it("a missing secret is exists: false, not an error", async () => {
    expect((await metadataOf(GONE)).outcome).toEqual({ ok: true, metadata: { exists: false } });
  });

  it("a role without DescribeSecret gets a denial naming secretsmanager:DescribeSecret", async () => {
    const { outcome } = await metadataOf(DB, "keyhold-no-describe");
    if (outcome.ok) throw new Error("expected a denial");
    expect(outcome.error.category).toBe("authorization");
    expect(outcome.error.permission).toBe("secretsmanager:DescribeSecret");
  });
});

describe("AWS metadata reader: injected faults", () => {
  it("an injected DescribeSecret denial is a denial; values still read; a throttled call is retried", async () => {
    await provider().readMetadata!([DB]);
    env.emulator.injectFault({ kind: "denied", operation: "DescribeSecret", count: 1 });
    const denied = (await provider().readMetadata!([DB])).results.get(secretVersionKey(DB));
    expect(denied?.ok === false && denied.error.permission).toBe("secretsmanager:DescribeSecret");
    expect((await provider().fetchSecrets([DB])).get(secretVersionKey(DB))?.ok).toBe(true);
    env.emulator.injectFault({ kind: "throttle", operation: "DescribeSecret", count: 1 });
    const retried = (await provider().readMetadata!([DB])).results.get(secretVersionKey(DB));
    expect(retried?.ok).toBe(true);
  });
});
