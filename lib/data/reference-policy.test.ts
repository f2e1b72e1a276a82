import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { parseProviderForm } from "@/lib/validations/provider-config";
import { createConnection, repointCredentialField } from "./connections";
import { previewScopeSwitch, switchSecretsScope } from "./secrets-scope";
import { saveProviderConfig } from "./provider-configs";
import { addReferencePolicyEntry, getReferencePolicy, removeReferencePolicyEntry } from "./reference-policy";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const aws = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };
const pg = (name: string, host: string) => ({
  name,
  type: "postgres" as const,
  settings: { host, port: 5432, database: "app", sslMode: "require" },
  credentials: { password: { mode: "set" as const, value: `{{workato:sm:password:${ARN}}}` } },
});

describe("who may change a reference policy", () => {
  it("workspace admins for the workspace's configuration; never editors or members", async () => {
    const { ws, projects, wsActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, aws);
    const member = await actorWithRoles(ws.id, projects[0]!.id, "member", "admin");
    await expect(addReferencePolicyEntry(member.ws, { secretPattern: "prod/*", destinations: ["db.internal"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await addReferencePolicyEntry(wsActor, { secretPattern: "prod/*", destinations: ["db.internal"] });
    expect((await getReferencePolicy(wsActor))!.entries.map((e) => e.secretPattern)).toEqual(["prod/*"]);
  });

  it("that project's admins for a project's configuration, not its editors", async () => {
    const { ws, projects } = await seedWorkspace("project");
    const admin = await actorWithRoles(ws.id, projects[0]!.id, "member", "admin");
    const editor = await actorWithRoles(ws.id, projects[0]!.id, "member", "editor");
    await saveProviderConfig(admin.project, aws);
    await expect(addReferencePolicyEntry(editor.project, { secretPattern: "prod/*", destinations: ["db.internal"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await addReferencePolicyEntry(admin.project, { secretPattern: "prod/*", destinations: ["db.internal"] });
    expect((await getReferencePolicy(admin.project))!).toMatchObject({ approver: "a project admin", owner: expect.stringContaining(projects[0]!.name) });
  });
});

describe("editing a reference policy", () => {
  it("merges destinations into the entry that names the pattern, audits each change and ends the upgrade banner", async () => {
    const { wsActor } = await seedWorkspace("workspace");
    const { id } = await saveProviderConfig(wsActor, aws);
    await db.secretsProviderConfig.update({ where: { id }, data: { policyNoticePending: true } });
    await addReferencePolicyEntry(wsActor, { secretPattern: "prod/*", destinations: ["db.internal"] });
    await addReferencePolicyEntry(wsActor, { secretPattern: "prod/*", destinations: ["db.internal", "*.example.com"] });
    const policy = (await getReferencePolicy(wsActor))!;
    expect(policy.noticePending).toBe(false);
    expect(policy.entries.map((e) => [e.secretPattern, e.destinations])).toEqual([["prod/*", ["db.internal", "*.example.com"]]]);
    const events = await db.auditEvent.findMany({ where: { targetId: id, action: { startsWith: "secrets.policy." } } });
    expect(events.map((e) => e.action)).toEqual(["secrets.policy.entry_added", "secrets.policy.entry_added"]);
  });

  it("validates patterns against the configuration's real kind", async () => {
    const { wsActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, {
      kind: "vault",
      settings: { address: "http://127.0.0.1:8200", approleMount: "approle", roleId: "r" },
      auth: { secretId: "s" },
    });
    await expect(addReferencePolicyEntry(wsActor, { secretPattern: "prod/*", destinations: ["db"] })).rejects.toMatchObject({ field: "secretPattern" });
    await expect(addReferencePolicyEntry(wsActor, { secretPattern: "secret:prod/*", destinations: ["http://x"] })).rejects.toMatchObject({
      field: "destinations",
    });
  });

  it("lists, per entry, the connections that only it lets resolve: what its removal breaks", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, aws);
    await addReferencePolicyEntry(wsActor, { secretPattern: "prod/*", destinations: ["a.internal"] });
    await addReferencePolicyEntry(wsActor, { secretPattern: "prod/db", destinations: ["a.internal", "b.internal"] });
    const actor = projectActor(projects[0]!.id);
    await createConnection(actor, pg("A", "a.internal"));
    await createConnection(actor, pg("B", "b.internal"));
    const policy = (await getReferencePolicy(wsActor))!;
    const byPattern = Object.fromEntries(policy.entries.map((e) => [e.secretPattern, e.dependents.map((d) => `${d.connectionName} ${d.destination}`)]));
    // A is allowed by both entries, so removing either alone breaks nothing for it.
    expect(byPattern).toEqual({ "prod/*": [], "prod/db": ["B b.internal:5432"] });
    await removeReferencePolicyEntry(wsActor, policy.entries.find((e) => e.secretPattern === "prod/db")!.id);
    await expect(createConnection(actor, pg("B2", "b.internal"))).rejects.toMatchObject({ code: "VALIDATION", field: "password" });
  });
});

describe("the save refusal", () => {
  it("tells an admin to add the entry themselves, and an editor whom to ask", async () => {
    const { ws, projects, wsActor, projectActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, aws);
    const editor = (await actorWithRoles(ws.id, projects[0]!.id, "member", "editor")).project;
    await expect(createConnection(projectActor(projects[0]!.id), pg("Admin's", "db.internal"))).rejects.toMatchObject({
      message: `Password: {{workato:sm:password:${ARN}}} to db.internal:5432 is not allowed by the reference policy of the workspace's AWS Secrets Manager configuration; add it under Secrets management › Reference policy first.`,
    });
    await expect(createConnection(editor, pg("Editor's", "db.internal"))).rejects.toMatchObject({
      message: expect.stringMatching(/; ask a workspace admin to add it\.$/),
    });
  });
});

describe("re-pointing after a scope switch", () => {
  it("holds the re-pointed reference to the newly active configuration's policy", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace("workspace");
    const actor = projectActor(projects[0]!.id);
    await saveProviderConfig(wsActor, aws);
    await addReferencePolicyEntry(wsActor, { secretPattern: "prod/*", destinations: ["db.internal"] });
    const id = await createConnection(actor, pg("A", "db.internal"));
    await saveProviderConfig(actor, aws);
    await switchSecretsScope(wsActor, { to: "project", expectedVersion: (await previewScopeSwitch(wsActor)).scopeVersion });
    await expect(repointCredentialField(wsActor, id, "password")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining(projects[0]!.name),
    });
    await addReferencePolicyEntry(actor, { secretPattern: "prod/db", destinations: ["db.internal:5432"] });
    await repointCredentialField(wsActor, id, "password");
  });
});

describe("a new configuration", () => {
  it("starts from the AWS guide's name prefix, with no destination yet", async () => {
    const parsed = parseProviderForm({ kind: "aws", ...aws.settings, secretNamePrefix: " prod/ " });
    expect(parsed).toMatchObject({ success: true, data: { policyPrefix: "prod/" } });
    const { wsActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, parsed.success ? parsed.data : aws);
    expect((await getReferencePolicy(wsActor))!.entries.map((e) => [e.secretPattern, e.destinations])).toEqual([["prod/*", []]]);
    expect(parseProviderForm({ kind: "aws", ...aws.settings, secretNamePrefix: "bad prefix*" })).toMatchObject({ success: false });
  });

  it("starts empty without a prefix", async () => {
    const { wsActor } = await seedWorkspace("workspace");
    await saveProviderConfig(wsActor, aws);
    expect((await getReferencePolicy(wsActor))!.entries).toEqual([]);
  });
});
