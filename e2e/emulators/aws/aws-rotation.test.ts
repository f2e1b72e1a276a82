// Rotation metadata as Secrets Manager reports it: DescribeSecret's schedule and deletion fields,
// ListSecretVersionIds, a rotation stuck in AWSPENDING, scheduled deletion (reads refused, hidden from
// ListSecrets unless IncludePlannedDeletion) and ListSecrets' lag against DescribeSecret's current state.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { startAwsTestEnv, type AwsTestEnv } from "./test-harness";
import { CUSTOMER_ACCOUNT, roleArn, TEST_EXTERNAL_ID } from "./test-fixture";
import { resetEmulator } from "../reset";

let env: AwsTestEnv;
const DB = `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:prod/db-Ab12Cd`;

async function client(role = "keyhold-rotation") {
  const sts = new STSClient({ region: "us-east-1", maxAttempts: 1 });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(role), RoleSessionName: "t-1", ExternalId: TEST_EXTERNAL_ID }));
  const c = out.Credentials!;
  return new SecretsManagerClient({
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
  });
}

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message };
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  env = await startAwsTestEnv();
});
afterAll(() => env.stop());
beforeEach(() => resetEmulator(env.emulator));

describe("AWS emulator: rotation metadata", () => {
  it("reports the schedule and moves it on a finished rotation", async () => {
    const sm = await client();
    const before = await sm.send(new DescribeSecretCommand({ SecretId: DB }));
    expect(before.RotationEnabled).toBeUndefined();
    expect(before.NextRotationDate).toBeUndefined();
    env.emulator.setState({ op: "setRotation", name: "prod/db", enabled: true, everyDays: 30, lastRotatedDate: "2026-01-01T00:00:00Z" });
    const scheduled = await sm.send(new DescribeSecretCommand({ SecretId: DB }));
    expect(scheduled.RotationEnabled).toBe(true);
    expect(scheduled.RotationRules?.AutomaticallyAfterDays).toBe(30);
    expect(scheduled.LastRotatedDate?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(scheduled.NextRotationDate?.toISOString()).toBe("2026-01-31T00:00:00.000Z");

    env.emulator.setState({ op: "rotateSecret", name: "prod/db", secretString: '{"password":"rotated"}' });
    const rotated = await sm.send(new DescribeSecretCommand({ SecretId: DB }));
    const stages = Object.values(rotated.VersionIdsToStages ?? {});
    expect(stages).toEqual(expect.arrayContaining([["AWSPREVIOUS"], ["AWSCURRENT"]]));
    expect(Date.now() - rotated.LastRotatedDate!.getTime()).toBeLessThan(5_000);
    expect(rotated.NextRotationDate!.getTime() - rotated.LastRotatedDate!.getTime()).toBe(30 * 86_400_000);
    const value = await sm.send(new GetSecretValueCommand({ SecretId: DB }));
    expect(value.SecretString).toBe('{"password":"rotated"}');
  });

  it("a failing rotation leaves AWSPENDING beside an unchanged AWSCURRENT, listed by ListSecretVersionIds", async () => {
    const sm = await client();
    const current = (await sm.send(new GetSecretValueCommand({ SecretId: DB }))).VersionId;
    env.emulator.setState({ op: "rotateSecret", name: "prod/db", secretString: "never-finished", finish: false });
    const versions = await sm.send(new ListSecretVersionIdsCommand({ SecretId: DB }));
    expect(versions.Versions?.map((v) => v.VersionStages)).toEqual([["AWSPENDING"], ["AWSCURRENT"]]);
    expect(versions.Versions?.[1]?.VersionId).toBe(current);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: DB }))).VersionId).toBe(current);
  });

  it("ListSecretVersionIds and DescribeSecret are their own IAM actions", async () => {
    const full = await client("keyhold-full");
    expect(await errorOf(full.send(new ListSecretVersionIdsCommand({ SecretId: DB })))).toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining("secretsmanager:ListSecretVersionIds"),
    });
    const valuesOnly = await client("keyhold-no-describe");
    expect((await valuesOnly.send(new GetSecretValueCommand({ SecretId: DB }))).SecretString).toContain("db-pass-1");
    expect(await errorOf(valuesOnly.send(new DescribeSecretCommand({ SecretId: DB })))).toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining("secretsmanager:DescribeSecret"),
    });
  });

  it("scheduled deletion: DeletedDate, reads refused, hidden from ListSecrets unless IncludePlannedDeletion, restorable", async () => {
    const sm = await client();
    env.emulator.setState({ op: "scheduleDeletion", name: "prod/db", recoveryDays: 7 });
    const described = await sm.send(new DescribeSecretCommand({ SecretId: DB }));
    expect(described.DeletedDate!.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(await errorOf(sm.send(new GetSecretValueCommand({ SecretId: DB })))).toMatchObject({
      name: "InvalidRequestException",
      message: expect.stringContaining("marked for deletion"),
    });
    const names = async (include: boolean) =>
      (await sm.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["prod/db"] }], IncludePlannedDeletion: include }))).SecretList?.map(
        (s) => s.Name,
      );
    expect(await names(false)).toEqual([]);
    expect(await names(true)).toEqual(["prod/db"]);
    env.emulator.setState({ op: "restoreSecret", name: "prod/db" });
    expect((await sm.send(new DescribeSecretCommand({ SecretId: DB }))).DeletedDate).toBeUndefined();
    expect((await sm.send(new GetSecretValueCommand({ SecretId: DB }))).SecretString).toContain("db-pass-1");
  });

  it("with list lag, ListSecrets still shows the old stages while DescribeSecret shows the rotation", async () => {
    const sm = await client();
    env.emulator.setState({ op: "setListLag", seconds: 300 });
    const old = (await sm.send(new DescribeSecretCommand({ SecretId: DB }))).VersionIdsToStages;
    env.emulator.setState({ op: "putSecretValue", name: "prod/db", secretString: "new" });
    const listed = await sm.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["prod/db"] }] }));
    expect(listed.SecretList?.[0]?.SecretVersionsToStages).toEqual(old);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: DB }))).VersionIdsToStages).not.toEqual(old);
  });
});
