// Text around a reference is a literal (docs/threat-model.md "Text around a reference"): `prefix{{workato:sm:…}}suffix`
// used to keep `prefix` in clear in the database and show it to viewers. Now the template's literal parts are
// encrypted under the connection's data key like any literal; the stored and shown text masks them, and
// resolution still yields prefix + value + suffix. Existing rows are migrated by encryptTemplateLiterals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn, testFixture } from "@/e2e/emulators/aws/test-fixture";
import { db } from "@/lib/db";
import { createConnection, getConnection, loadConnectionForUse, updateConnection, type SaveConnectionInput } from "@/lib/data/connections";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { encryptTemplateLiterals } from "@/lib/data/template-literals";
import { listWorkflowSecrets, loadWorkflowSecretsForRun, saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { clearAwsCredentialCache } from "@/lib/secrets/providers/aws";
import { resolveCredentials } from "@/lib/services/secrets/resolve-credentials";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";

const PREFIX = "canary-prefix-4be19d:";
const SUFFIX = ":canary-suffix-90ac2f";
const REF = `{{workato:sm:password:arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:prod/db-Ab12Cd}}`;
const VALUE = "db-pass-1"; // what the emulator holds under that key

let aws: AwsTestEnv;
let seeded: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  seeded = await seedWorkspace();
  const fixture = testFixture();
  const externalId = externalIdFor({ workspaceId: seeded.ws.id });
  aws = await startAwsTestEnv({ ...fixture, roles: fixture.roles.map((r) => ({ ...r, externalId })) });
  await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } });
  await allowAllReferences(seeded.wsActor);
  clearAwsCredentialCache();
});
afterAll(async () => {
  await aws?.stop();
});

const api = (token: SaveConnectionInput["credentials"]["token"], name = "Payments API"): SaveConnectionInput => ({
  name,
  type: "http",
  settings: { baseUrl: "https://api.example.com", authKind: "bearer", testPath: "/" },
  credentials: { token },
});

describe("text around a reference is stored and shown like a literal", () => {
  it("keeps the literal parts out of the database file, masks them for viewers and resolves prefix + value + suffix", async () => {
    const projectId = seeded.projects[0]!.id;
    const editor = (await actorWithRoles(seeded.ws.id, projectId, "member", "editor")).project;
    const viewer = (await actorWithRoles(seeded.ws.id, projectId, "member", "viewer")).project;
    const id = await createConnection(editor, api({ mode: "set", value: `${PREFIX}${REF}${SUFFIX}` }));

    expect(await databaseFilesContain(PREFIX)).toBe(false);
    expect(await databaseFilesContain(SUFFIX)).toBe(false);
    // Control: the reference itself is not secret and stays readable (the reverse index and policy need it).
    expect(await databaseFilesContain("secret:prod/db-Ab12Cd")).toBe(true);

    for (const actor of [viewer, editor]) {
      const view = await getConnection(actor, id);
      expect(view.fields).toEqual([expect.objectContaining({ name: "token", mode: "template", template: `••••${REF}••••` })]);
      expect(JSON.stringify(view)).not.toContain(PREFIX);
    }

    const resolved = await resolveCredentials(await loadConnectionForUse(editor, id));
    expect(resolved.ok).toBe(true);
    expect(resolved.values.token).toBe(`${PREFIX}${VALUE}${SUFFIX}`);
  });

  it("keeps a lone reference as it was, and refuses a save that sends the mask back as text", async () => {
    const actor = seeded.projectActor(seeded.projects[0]!.id);
    const id = await createConnection(actor, api({ mode: "set", value: REF }, "Lone"));
    const row = await db.credentialField.findFirstOrThrow({ where: { connectionId: id, name: "token" } });
    expect(row).toMatchObject({ template: REF, ciphertext: null });
    await expect(updateConnection(actor, id, api({ mode: "set", value: `••••${REF}` }, "Lone"))).rejects.toMatchObject({
      code: "VALIDATION",
      field: "token",
      message: expect.stringMatching(/stored encrypted.*re-enter/i),
    });
  });

  it("migrates rows saved in clear before this release: encrypted, masked, still resolving", async () => {
    const actor = seeded.projectActor(seeded.projects[0]!.id);
    const id = await createConnection(actor, api({ mode: "set", value: REF }, "Legacy"));
    // What an older release stored: the whole template as text.
    await db.credentialField.updateMany({ where: { connectionId: id, name: "token" }, data: { template: `Bearer ${REF}` } });

    expect(await encryptTemplateLiterals()).toBeGreaterThanOrEqual(1);
    const row = await db.credentialField.findFirstOrThrow({ where: { connectionId: id, name: "token" } });
    expect(row.template).toBe(`••••${REF}`);
    expect(row.ciphertext).not.toBeNull();
    expect(await encryptTemplateLiterals()).toBe(0); // idempotent

    const resolved = await resolveCredentials(await loadConnectionForUse(actor, id));
    expect(resolved.values.token).toBe(`Bearer ${VALUE}`);
  });

  it("does the same for a workflow secret: encrypted, masked in the list, whole for a run, migrated when saved in clear", async () => {
    const projectId = seeded.projects[0]!.id;
    const editor = (await actorWithRoles(seeded.ws.id, projectId, "member", "editor")).project;
    await saveWorkflowSecret(editor, { name: "wf-token", kind: "reference", value: `${PREFIX}wf${REF}` });
    expect(await databaseFilesContain(`${PREFIX}wf`)).toBe(false);
    expect((await listWorkflowSecrets(editor)).find((s) => s.name === "wf-token")?.template).toBe(`••••${REF}`);
    const scope = { workspaceId: seeded.ws.id, projectId };
    expect((await loadWorkflowSecretsForRun(scope, ["wf-token"])).secrets).toEqual([expect.objectContaining({ template: `${PREFIX}wf${REF}` })]);

    await saveWorkflowSecret(editor, { name: "legacy", kind: "reference", value: REF });
    await db.workflowSecret.updateMany({ where: { projectId, name: "legacy" }, data: { template: `Basic ${REF}` } });
    expect(await encryptTemplateLiterals()).toBeGreaterThanOrEqual(1);
    expect((await listWorkflowSecrets(editor)).find((s) => s.name === "legacy")?.template).toBe(`••••${REF}`);
    expect((await loadWorkflowSecretsForRun(scope, ["legacy"])).secrets).toEqual([expect.objectContaining({ template: `Basic ${REF}` })]);
  });
});
