// The secret browser's cost (docs/cache.md): a page view makes listing calls only; expanding a row reads the
// secret once for its key names (only inside the reference policy) and then serves the names from memory.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn, testFixture } from "@/e2e/emulators/aws/test-fixture";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { clearAwsCredentialCache } from "@/lib/secrets/providers/aws";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { browseSecrets } from "./browse";
import { secretKeyNames } from "./secret-keys";

const arn = (name: string, suffix: string) => `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:${name}-${suffix}`;
const VALUE_READS = ["GetSecretValue", "BatchGetSecretValue"];

let env: AwsTestEnv;
let seeded: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  seeded = await seedWorkspace();
  const fixture = testFixture();
  const externalId = externalIdFor({ workspaceId: seeded.ws.id });
  env = await startAwsTestEnv({ ...fixture, roles: fixture.roles.map((r) => ({ ...r, externalId })) });
  await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } });
  await allowAllReferences(seeded.wsActor);
});
afterAll(async () => {
  await env.stop();
});
beforeEach(() => {
  clearAwsCredentialCache();
  env.emulator.resetCalls();
});

const valueReads = () => VALUE_READS.reduce((n, op) => n + (env.emulator.calls()[op] ?? 0), 0);

async function config() {
  const { getProviderConfig } = await import("@/lib/data/provider-configs");
  const c = (await getProviderConfig(seeded.wsActor))!;
  return { id: c.id, kind: c.kind, revision: c.revision, workspaceId: seeded.ws.id };
}

describe("secret browser cost", () => {
  it("lists a page of 25 secrets with listing calls only: 0 value reads", async () => {
    const page = await browseSecrets(seeded.wsActor, await config(), {});
    expect(page.items).toHaveLength(25);
    expect(valueReads()).toBe(0);
    expect(env.emulator.calls().ListSecrets).toBe(1);
    expect(page.items.every((i) => i.keys === undefined)).toBe(true);
  });

  it("reads an expanded row's key names once, then serves them from memory, names only", async () => {
    const c = await config();
    const first = await secretKeyNames(c, arn("prod/db", "Ab12Cd"));
    expect(first).toMatchObject({ keys: ["username", "password", "host"], cached: false });
    expect(first.references.map((r) => r.key)).toEqual(["username", "password", "host"]);
    expect(JSON.stringify(first)).not.toContain("db-pass-1");
    expect(valueReads()).toBe(1);
    const again = await secretKeyNames(c, arn("prod/db", "Ab12Cd"));
    expect(again).toMatchObject({ keys: ["username", "password", "host"], cached: true });
    expect(valueReads()).toBe(1);
  });

  it("says a plain secret has no keys", async () => {
    expect(await secretKeyNames(await config(), arn("prod/api-token", "Ef34Gh"))).toMatchObject({ keys: null, references: [] });
  });

  it("does not read a secret outside the reference policy", async () => {
    await expect(secretKeyNames(await config(), arn("canary/secret", "Mn78Op"), () => false)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(valueReads()).toBe(0);
  });
});
