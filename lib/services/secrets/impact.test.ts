import { describe, expect, it } from "vitest";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { createConnection } from "@/lib/data/connections";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { addReferencePolicyEntry, getReferencePolicy } from "@/lib/data/reference-policy";
import { previewScopeSwitch, switchSecretsScope } from "@/lib/data/secrets-scope";
import { saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { saveWorkflowDefinition } from "@/lib/data/workflows";
import { assertImpactConfirmed, impactOf } from "./impact";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const REF = `{{workato:sm:password:${ARN}}}`;
const aws = { kind: "aws" as const, settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } };
const vault = { kind: "vault" as const, settings: { address: "http://127.0.0.1:8200", approleMount: "approle", roleId: "r" }, auth: { secretId: "s" } };

function pg(name: string, host = "db.internal") {
  return {
    name,
    type: "postgres" as const,
    settings: { host, port: 5432 },
    credentials: { password: { mode: "set" as const, value: REF }, user: { mode: "set" as const, value: "literal-user" } },
  };
}

/** Workspace scope, AWS: two connections in A, one in B, a workflow secret in A read by one of two workflows. */
async function seeded() {
  const s = await seedWorkspace("workspace");
  await saveProviderConfig(s.wsActor, aws);
  await allowAllReferences(s.wsActor);
  const [a, b] = [s.projectActor(s.projects[0]!.id), s.projectActor(s.projects[1]!.id)];
  const orders = await createConnection(a, pg("Orders DB"));
  await createConnection(a, pg("Ledger"));
  await createConnection(b, pg("Billing"));
  await saveWorkflowSecret(a, { name: "db-password", kind: "reference", value: REF });
  await saveWorkflowSecret(a, { name: "lit", kind: "literal", value: "not-a-reference" });
  const def = (name: string, secretsRead: string[]) => ({
    namespace: "ops",
    name,
    version: "1.0.0",
    format: "yaml" as const,
    source: "document: {}",
    secretsRead,
  });
  await saveWorkflowDefinition(a, def("nightly", ["db-password", "lit"]));
  await saveWorkflowDefinition(a, def("hello", ["lit"]));
  return { ...s, a, b, orders };
}

const names = (r: Awaited<ReturnType<typeof impactOf>>) => ({
  fields: r.fields.map((f) => `${f.connectionName}/${f.fieldName}`),
  connections: r.connectionCount,
  workflowSecrets: r.workflowSecrets.map((w) => w.name),
  workflows: r.workflows.map((w) => `${w.namespace}/${w.name}:${w.secrets.join(",")}`),
});

describe("impact of destructive changes (real SQLite)", () => {
  it("replacing a provider lists the connections, fields, workflow secrets and workflows resolving through it", async () => {
    const { wsActor } = await seeded();
    expect(names(await impactOf(wsActor, { kind: "provider-replace" }))).toEqual({
      fields: ["Billing/password", "Ledger/password", "Orders DB/password"],
      connections: 3,
      workflowSecrets: ["db-password"],
      workflows: ["ops/nightly:db-password"],
    });
  });

  it("a configuration breaks only what resolves through it now: a project's in workspace scope, the workspace's in project scope, nothing", async () => {
    const { wsActor, a } = await seeded();
    await saveProviderConfig(a, vault);
    expect(names(await impactOf(a, { kind: "provider-replace" })).fields).toEqual([]);
    await switchSecretsScope(wsActor, { to: "project", expectedVersion: (await previewScopeSwitch(wsActor)).scopeVersion });
    // Saved under the workspace configuration, so nothing resolves through A's Vault yet; the workspace's breaks nothing either.
    expect(names(await impactOf(a, { kind: "provider-replace" })).fields).toEqual([]);
    expect(names(await impactOf(wsActor, { kind: "provider-replace" })).fields).toEqual([]);
  });

  it("the scope switch counts workflow secrets and the workflows reading them", async () => {
    const { wsActor } = await seeded();
    const report = names(await impactOf(wsActor, { kind: "scope-switch" }));
    expect(report).toMatchObject({ connections: 3, workflowSecrets: ["db-password"], workflows: ["ops/nightly:db-password"] });
  });

  it("removing a policy entry lists exactly the references only it allows, for the connections it applies to", async () => {
    const { wsActor, a } = await seeded();
    await addReferencePolicyEntry(wsActor, { secretPattern: "prod/db", destinations: ["only.internal"] });
    await createConnection(a, pg("Only", "only.internal"));
    const policy = (await getReferencePolicy(wsActor))!;
    const star = policy.entries.find((e) => e.secretPattern === "*")!;
    const narrow = policy.entries.find((e) => e.secretPattern === "prod/db")!;
    // "*" alone allows Billing, Ledger and Orders DB; Only is also allowed by prod/db, so it survives.
    expect(names(await impactOf(wsActor, { kind: "policy-entry-remove", entryId: star.id }))).toEqual({
      fields: ["Billing/password", "Ledger/password", "Orders DB/password"],
      connections: 3,
      workflowSecrets: [],
      workflows: [],
    });
    expect(names(await impactOf(wsActor, { kind: "policy-entry-remove", entryId: narrow.id })).fields).toEqual([]);
  });

  it("removing a connection's field reference lists that field only, and never another project's connection", async () => {
    const { a, b, orders } = await seeded();
    expect(names(await impactOf(a, { kind: "field-remove", connectionId: orders, fieldNames: ["password", "user"] })).fields).toEqual(["Orders DB/password"]);
    expect(names(await impactOf(b, { kind: "field-remove", connectionId: orders, fieldNames: ["password"] })).fields).toEqual([]);
  });

  it("the action's re-check refuses a stale confirmation and names the impact as it is now", async () => {
    const { wsActor, b } = await seeded();
    const shown = await impactOf(wsActor, { kind: "provider-replace" });
    await expect(assertImpactConfirmed(wsActor, { kind: "provider-replace" }, shown.token)).resolves.toMatchObject({ token: shown.token });
    await createConnection(b, pg("Late arrival"));
    await expect(assertImpactConfirmed(wsActor, { kind: "provider-replace" }, shown.token)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("now 4 fields in 4 connections, 1 workflow secret used by 1 workflow"),
    });
    await saveWorkflowSecret(b, { name: "db-password", kind: "reference", value: REF });
    const again = await impactOf(wsActor, { kind: "provider-replace" });
    expect(again.token).not.toBe(shown.token);
    expect(again.workflowSecrets).toHaveLength(2);
  });

  it("viewers, editors and other workspaces learn nothing", async () => {
    const { ws, projects, orders, wsActor } = await seeded();
    const viewer = await actorWithRoles(ws.id, projects[0]!.id, "member", "viewer");
    const editor = await actorWithRoles(ws.id, projects[0]!.id, "member", "editor");
    for (const actor of [viewer.ws, viewer.project, editor.ws, editor.project]) {
      await expect(impactOf(actor, { kind: "provider-replace" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(impactOf(actor, { kind: "policy-entry-remove", entryId: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(impactOf(viewer.ws, { kind: "scope-switch" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(impactOf(editor.project, { kind: "scope-switch" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(impactOf(viewer.project, { kind: "field-remove", connectionId: orders, fieldNames: ["password"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await impactOf(editor.project, { kind: "field-remove", connectionId: orders, fieldNames: ["password"] })).fields).toHaveLength(1);

    const other = await seeded();
    const otherEntry = (await getReferencePolicy(other.wsActor))!.entries[0]!;
    await expect(impactOf(wsActor, { kind: "policy-entry-remove", entryId: otherEntry.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const intruder = other.projectActor(other.projects[0]!.id);
    expect((await impactOf(intruder, { kind: "field-remove", connectionId: orders, fieldNames: ["password"] })).fields).toEqual([]);
  });
});
