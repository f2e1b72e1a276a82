import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedWorkspace, actorWithRoles } from "@/lib/testing/seed-actors";
import { createConnection, getConnection } from "./connections";
import { loadProviderForUse, saveProviderConfig, getProviderConfig } from "./provider-configs";
import { listScopeChangedFields, previewScopeSwitch, switchSecretsScope } from "./secrets-scope";
import { allowAllReferences } from "@/lib/testing/reference-policy";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const aws = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };
const vault = {
  kind: "vault" as const,
  settings: { address: "http://127.0.0.1:8200", approleMount: "approle", roleId: "r" },
  auth: { secretId: "canary-secret-id-91f" },
};

async function workspaceWithReferences() {
  const seeded = await seedWorkspace("workspace");
  await saveProviderConfig(seeded.wsActor, aws);
  await allowAllReferences(seeded.wsActor);
  for (const [i, name] of ["Orders DB", "Billing API", "Ledger"].entries()) {
    await createConnection(seeded.projectActor(seeded.projects[i % 2]!.id), {
      name,
      type: "postgres",
      settings: { host: "db.internal", port: 5432 },
      credentials: { password: { mode: "set", value: `{{workato:sm:password:${ARN}}}` }, user: { mode: "set", value: "literal-user" } },
    });
  }
  return seeded;
}

describe("scope switch (real SQLite)", () => {
  it("previews exactly the fields that will stop resolving, and the target configurations", async () => {
    const { wsActor, projects, projectActor } = await workspaceWithReferences();
    await saveProviderConfig(projectActor(projects[0]!.id), vault);
    const preview = await previewScopeSwitch(wsActor);
    expect(preview.from).toBe("workspace");
    expect(preview.to).toBe("project");
    expect(preview.affected.map((a) => `${a.connectionName}/${a.fieldName}`)).toEqual(["Billing API/password", "Ledger/password", "Orders DB/password"]);
    expect(preview.targets).toEqual([
      { projectId: projects[0]!.id, name: projects[0]!.name, kind: "vault", ready: false },
      { projectId: projects[1]!.id, name: projects[1]!.name, kind: null, ready: false },
    ]);
  });

  it("switches once; a stale dialog gets a conflict; references are flagged until switched back", async () => {
    const { wsActor, projects, projectActor } = await workspaceWithReferences();
    const { scopeVersion } = await previewScopeSwitch(wsActor);
    await switchSecretsScope(wsActor, { to: "project", expectedVersion: scopeVersion });
    await expect(switchSecretsScope(wsActor, { to: "project", expectedVersion: scopeVersion })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(switchSecretsScope(wsActor, { to: "workspace", expectedVersion: scopeVersion })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: wsActor.workspaceId } })).secretsScope).toBe("project");
    const stale = await listScopeChangedFields(wsActor);
    expect(stale).toHaveLength(3);
    const conn = await db.connection.findFirstOrThrow({ where: { name: "Orders DB", workspaceId: wsActor.workspaceId } });
    const view = await getConnection(projectActor(conn.projectId), conn.id);
    expect(view.fields.find((f) => f.name === "password")?.scopeChanged).toBe(true);
    expect(view.fields.find((f) => f.name === "user")?.scopeChanged).toBe(false);
    await switchSecretsScope(wsActor, { to: "workspace", expectedVersion: scopeVersion + 1 });
    expect(await listScopeChangedFields(wsActor)).toHaveLength(0);
    const events = await db.auditEvent.findMany({ where: { workspaceId: wsActor.workspaceId, action: "secrets.scope.switched" } });
    expect(events.map((e) => e.detail)).toEqual([
      { from: "workspace", to: "project", affectedFields: 3 },
      { from: "project", to: "workspace", affectedFields: 0 },
    ]);
    expect(projects).toHaveLength(2);
  });

  it("only workspace owners and admins may switch", async () => {
    const { wsActor, projects } = await workspaceWithReferences();
    const member = await actorWithRoles(wsActor.workspaceId, projects[0]!.id, "member", "admin");
    await expect(switchSecretsScope(member.ws, { to: "project", expectedVersion: 0 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("provider configurations (real SQLite)", () => {
  it("encrypts auth material, never returns it, and decrypts it for use", async () => {
    const { projects, projectActor } = await seedWorkspace("project");
    const actor = projectActor(projects[0]!.id);
    const { id } = await saveProviderConfig(actor, vault);
    const view = await getProviderConfig(actor);
    expect(view).toMatchObject({ id, kind: "vault", authSet: true, revision: 1 });
    expect(JSON.stringify(view)).not.toContain("canary-secret-id-91f");
    const row = await db.secretsProviderConfig.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.authCiphertext!).toString()).not.toContain("canary-secret-id-91f");
    const loaded = await loadProviderForUse(id);
    expect(loaded).toMatchObject({
      kind: "vault",
      auth: { secretId: "canary-secret-id-91f" },
      owner: { workspaceId: actor.workspaceId, projectId: actor.projectId },
    });
    // Editing without a new secret keeps it and bumps the revision.
    await saveProviderConfig(actor, { ...vault, auth: undefined });
    expect(await loadProviderForUse(id)).toMatchObject({ revision: 2, auth: { secretId: "canary-secret-id-91f" } });
  });

  it("replacing the kind needs confirmation and makes old references stale", async () => {
    const { projects, projectActor } = await seedWorkspace("project");
    const actor = projectActor(projects[0]!.id);
    const { id: awsId } = await saveProviderConfig(actor, aws);
    await allowAllReferences(actor);
    await createConnection(actor, {
      name: "C",
      type: "postgres",
      settings: { host: "db.internal", port: 5432 },
      credentials: { password: { mode: "set", value: `{{workato:sm:password:${ARN}}}` } },
    });
    await expect(saveProviderConfig(actor, vault)).rejects.toMatchObject({ code: "CONFLICT" });
    const { id: vaultId, replaced } = await saveProviderConfig(actor, { ...vault, confirmReplace: true });
    expect(replaced).toBe(true);
    expect(vaultId).not.toBe(awsId);
    expect((await listScopeChangedFields(actor)).map((f) => f.connectionName)).toEqual(["C"]);
  });

  it("a project admin cannot configure the workspace provider", async () => {
    const { ws, projects } = await seedWorkspace("workspace");
    const pa = await actorWithRoles(ws.id, projects[0]!.id, "member", "admin");
    await expect(saveProviderConfig(pa.ws, aws)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveProviderConfig(pa.project, aws)).resolves.toMatchObject({ replaced: false });
  });
});
