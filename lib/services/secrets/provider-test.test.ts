// The Test service against the AWS emulator and a real SQLite database: it reads the secrets this
// configuration's references use (the reverse index), says reading is untested when there are none, and reads
// the one secret an admin names; a role that lists but cannot read fails.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn } from "@/e2e/emulators/aws/test-fixture";
import { resetEmulator } from "@/e2e/emulators/reset";
import { createConnection } from "@/lib/data/connections";
import { getProviderConfig, saveProviderConfig } from "@/lib/data/provider-configs";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { clearAwsCredentialCache } from "@/lib/secrets/providers/aws";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { testProviderConfig } from "./provider-test";

let env: AwsTestEnv;
const arn = (name: string, suffix: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-${suffix}`;
const DB = arn("prod/db", "Ab12Cd");
const TOKEN = arn("prod/api-token", "Ef34Gh");

async function workspaceWithRole(role: string) {
  const seeded = await seedWorkspace("workspace");
  env.emulator.setState({ op: "setRoleTrust", roleArn: roleArn(role), externalId: externalIdFor({ workspaceId: seeded.ws.id }) });
  await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: roleArn(role), region: "us-east-1" } });
  await allowAllReferences(seeded.wsActor);
  return seeded;
}

async function useSecrets(seeded: Awaited<ReturnType<typeof seedWorkspace>>, refs: string[]) {
  await createConnection(seeded.projectActor(seeded.projects[0]!.id), {
    name: "Orders DB",
    type: "postgres",
    settings: { host: "db.internal", port: 5432, database: "orders", sslMode: "require" },
    credentials: { user: { mode: "set", value: refs[0]! }, password: { mode: "set", value: refs[1] ?? refs[0]! } },
  });
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

describe("testProviderConfig", () => {
  it("says reading is untested while no reference uses the configuration, then reads what the references use", async () => {
    const seeded = await workspaceWithRole("keyhold-full");
    const untested = await testProviderConfig(seeded.wsActor);
    expect(untested).toMatchObject({ ok: true, readUntested: true });
    expect(untested.steps.at(-1)).toMatchObject({ kind: "read", status: "skipped" });

    await useSecrets(seeded, [`{{workato:sm:username:${DB}}}`, `{{workato:sm:prod/api-token:${TOKEN}}}`]);
    const tested = await testProviderConfig(seeded.wsActor);
    expect(tested).toMatchObject({ ok: true, readUntested: false });
    expect(tested.steps.filter((s) => s.kind === "read").map((s) => [s.label, s.status])).toEqual([
      ["Read prod/db", "ok"],
      ["Read prod/api-token", "ok"],
    ]);
    expect(JSON.stringify(tested)).not.toContain("db-pass-1");
    expect((await getProviderConfig(seeded.wsActor))?.lastTestSummary).toBe(`49 secrets visible as ${tested.identity}; 2 secrets read`);
  });

  it("fails a role that lists but cannot read the referenced secret, and records the failure", async () => {
    const seeded = await workspaceWithRole("keyhold-no-get");
    await useSecrets(seeded, [`{{workato:sm:password:${DB}}}`]);
    const report = await testProviderConfig(seeded.wsActor);
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.kind, s.status])).toEqual([
      ["auth", "ok"],
      ["list", "ok"],
      ["read", "failed"],
    ]);
    expect(report.error).toMatchObject({ code: "aws_access_denied", permission: "secretsmanager:GetSecretValue" });
    expect(await getProviderConfig(seeded.wsActor)).toMatchObject({ lastTestOk: false });
  });

  it("reads the one secret the admin names, and refuses a name that is not this provider's form", async () => {
    const seeded = await workspaceWithRole("keyhold-no-get");
    const report = await testProviderConfig(seeded.wsActor, { probe: ` ${TOKEN} ` });
    expect(report.steps.at(-1)).toMatchObject({ label: "Read prod/api-token", status: "failed" });
    expect(report.readUntested).toBe(false);
    await expect(testProviderConfig(seeded.wsActor, { probe: "prod/api-token" })).rejects.toMatchObject({
      code: "VALIDATION",
      field: "probe",
      message: "Name a secret as the secret's full ARN.",
    });
  });
});
