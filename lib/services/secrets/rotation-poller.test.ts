// The rotation poller against the AWS emulator and a real SQLite database: a rotation is picked up by the next
// poll with no refresh (the active entry re-fetched in the background), an unchanged poll costs only
// DescribeSecret, a metadata denial keeps the cached value and turns tracking off naming the permission, a
// deleted secret is flagged and dropped, and two pollers (instances) share one lease.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn } from "@/e2e/emulators/aws/test-fixture";
import { resetEmulator } from "@/e2e/emulators/reset";
import { createConnection, loadConnectionForUse } from "@/lib/data/connections";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { db } from "@/lib/db";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { clearAwsCredentialCache } from "@/lib/secrets/providers/aws";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { resolveCredentials } from "./resolve-credentials";
import { startRotationPoller } from "./rotation-poller";
import { secretsRuntime } from "./runtime";

let env: AwsTestEnv;
const DB = `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:prod/db-Ab12Cd`;

async function setup(role = "keyhold-rotation") {
  const seeded = await seedWorkspace("workspace");
  env.emulator.setState({ op: "setRoleTrust", roleArn: roleArn(role), externalId: externalIdFor({ workspaceId: seeded.ws.id }) });
  await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: roleArn(role), region: "us-east-1" } });
  await allowAllReferences(seeded.wsActor);
  const project = seeded.projectActor(seeded.projects[0]!.id);
  const id = await createConnection(project, {
    name: "Orders DB",
    type: "postgres",
    settings: { host: "db.internal", port: 5432, database: "orders", sslMode: "require" },
    credentials: { user: { mode: "set", value: `{{workato:sm:username:${DB}}}` }, password: { mode: "set", value: `{{workato:sm:password:${DB}}}` } },
  });
  const resolvePassword = async () => (await resolveCredentials(await loadConnectionForUse(project, id))).values.password;
  return { seeded, resolvePassword };
}

beforeAll(async () => {
  env = await startAwsTestEnv();
});
afterAll(() => env.stop());
beforeEach(() => {
  clearAwsCredentialCache();
  resetEmulator(env.emulator);
  secretsRuntime().cache.clearAll();
});

describe("rotation poller", () => {
  it("picks up a rotation a poll later with no refresh, and a quiet poll reads no value", async () => {
    const { resolvePassword } = await setup();
    const poller = startRotationPoller({ autoStart: false });
    expect(await resolvePassword()).toBe("db-pass-1");
    await poller.tick(Date.now()); // baseline
    env.emulator.resetCalls();
    const [quiet] = await poller.tick(Date.now() + 61_000);
    expect(quiet).toMatchObject({ polled: 1, changed: [], calls: { DescribeSecret: 1 } });
    expect(env.emulator.calls()).toEqual({ DescribeSecret: 1 });

    env.emulator.setState({ op: "rotateSecret", name: "prod/db", secretString: JSON.stringify({ username: "app", password: "db-pass-2" }) });
    env.emulator.resetCalls();
    const [rotated] = await poller.tick(Date.now() + 122_000);
    expect(rotated?.changed).toEqual([DB]);
    await new Promise((r) => setTimeout(r, 200)); // the background re-fetch
    expect(env.emulator.calls().DescribeSecret).toBe(1);
    const reads = (env.emulator.calls().BatchGetSecretValue ?? 0) + (env.emulator.calls().GetSecretValue ?? 0);
    expect(reads).toBe(1);
    expect(await resolvePassword()).toBe("db-pass-2");
    expect((env.emulator.calls().BatchGetSecretValue ?? 0) + (env.emulator.calls().GetSecretValue ?? 0)).toBe(1); // warm
  });

  it("a metadata denial keeps the cached value and turns tracking off naming secretsmanager:DescribeSecret", async () => {
    const { seeded, resolvePassword } = await setup("keyhold-no-describe");
    const poller = startRotationPoller({ autoStart: false });
    expect(await resolvePassword()).toBe("db-pass-1");
    const [summary] = await poller.tick(Date.now());
    expect(summary?.denied).toBe("secretsmanager:DescribeSecret");
    const poll = await db.rotationPoll.findFirstOrThrow({ where: { workspaceId: seeded.ws.id } });
    expect(JSON.parse(poll.trackingError!)).toMatchObject({ permission: "secretsmanager:DescribeSecret" });
    expect(poll.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    env.emulator.resetCalls();
    expect(await resolvePassword()).toBe("db-pass-1");
    expect(env.emulator.calls()).toEqual({}); // still cached
  });

  it("a secret scheduled for deletion or gone is recorded; gone drops the entry", async () => {
    const { seeded, resolvePassword } = await setup();
    const poller = startRotationPoller({ autoStart: false });
    await resolvePassword();
    env.emulator.setState({ op: "deleteSecret", name: "prod/db" });
    const [summary] = await poller.tick(Date.now());
    expect(summary?.missing).toEqual([DB]);
    expect(secretsRuntime().cache.stats().entries).toBe(0);
    const row = await db.secretHealth.findFirstOrThrow({ where: { workspaceId: seeded.ws.id } });
    expect(JSON.parse(row.metadata!)).toEqual({ exists: false });
  });

  it("two instances polling at once: one poll per interval", async () => {
    await setup();
    const a = startRotationPoller({ autoStart: false, holder: "a" });
    const b = startRotationPoller({ autoStart: false, holder: "b" });
    const now = Date.now();
    const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)]);
    expect(ra.length + rb.length).toBe(1);
  });
});
