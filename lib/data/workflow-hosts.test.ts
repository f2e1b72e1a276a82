// Proposed hosts, deleting a workflow and paging runs (docs/workflows.md), against real SQLite.
import { describe, expect, it } from "vitest";
import { mintRecentAuth } from "@/lib/auth/recent-auth";
import type { ProjectActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { decideHostProposal, listHostProposals, proposeAllowedHost, setAllowedHosts } from "./workflow-hosts";
import { listRunsPage } from "./workflow-run-views";
import { createRun } from "./workflow-runs";
import { saveWorkflowSecret } from "./workflow-secrets";
import { deleteWorkflow, saveWorkflowDefinition } from "./workflows";

const proof = (a: ProjectActor, at = new Date()) => mintRecentAuth({ userId: a.userId, at });

async function setup() {
  const { ws, projects, projectActor } = await seedWorkspace();
  const projectId = projects[0]!.id;
  const owner = projectActor(projectId);
  const viewer = (await actorWithRoles(ws.id, projectId, "member", "viewer")).project;
  const editor = (await actorWithRoles(ws.id, projectId, "member", "editor")).project;
  const admin = (await actorWithRoles(ws.id, projectId, "member", "admin")).project;
  const other = await seedWorkspace();
  const stranger = other.projectActor(other.projects[0]!.id);
  await saveWorkflowSecret(owner, { name: "token", kind: "literal", value: "v" });
  const { id } = await saveWorkflowDefinition(owner, { namespace: "n", name: "w", version: "1", format: "yaml", source: "x", secretsRead: ["token"] });
  return { owner, viewer, editor, admin, stranger, id };
}

describe("editors propose allowed hosts, project admins decide", () => {
  it("a proposal changes nothing until an admin approves with a recent password; each step is audited", async () => {
    const { viewer, editor, admin, stranger, id } = await setup();
    await expect(proposeAllowedHost(viewer, id, { pattern: "api.example.com", reason: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(proposeAllowedHost(stranger, id, { pattern: "api.example.com", reason: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await proposeAllowedHost(editor, id, { pattern: "api.example.com", reason: "the orders API" });
    expect(await db.workflowAllowedHost.count({ where: { workflowId: id } })).toBe(0);
    expect(await db.workflowSecretBinding.count({ where: { workflowId: id } })).toBe(0);
    const [proposal] = await listHostProposals(admin, id);
    expect(proposal).toMatchObject({ pattern: "api.example.com", reason: "the orders API", proposedBy: editor.email });

    // The proposer cannot approve their own proposal; nor an admin without the password, nor another workspace.
    await expect(decideHostProposal(editor, proposal!.id, true, proof(editor))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideHostProposal(admin, proposal!.id, true)).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    await expect(decideHostProposal(admin, proposal!.id, true, proof(admin, new Date(Date.now() - 6 * 60_000)))).rejects.toMatchObject({
      code: "REAUTH_REQUIRED",
    });
    await expect(decideHostProposal(stranger, proposal!.id, true, proof(stranger))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await decideHostProposal(admin, proposal!.id, true, proof(admin));
    expect((await db.workflowAllowedHost.findMany({ where: { workflowId: id } })).map((h) => h.pattern)).toEqual(["api.example.com"]);
    expect(await db.workflowSecretBinding.findMany({ where: { workflowId: id }, select: { pattern: true, how: true } })).toEqual([
      { pattern: "api.example.com", how: "confirmed" },
    ]);
    expect(await listHostProposals(admin, id)).toEqual([]);
    const events = await db.auditEvent.findMany({
      where: { targetType: "workflow", targetId: id, action: { startsWith: "workflow.hosts." } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["workflow.hosts.proposed", "workflow.hosts.changed"]);
    expect(events[1]!.detail).toMatchObject({ after: ["api.example.com"], secretsBound: ["token"], proposalId: proposal!.id, proposedBy: editor.email });
  });

  it("a declined proposal is removed without a password and audited; an allowed host cannot be proposed", async () => {
    const { editor, admin, id } = await setup();
    await setAllowedHosts(admin, id, ["api.example.com"], proof(admin));
    await expect(proposeAllowedHost(editor, id, { pattern: "api.example.com", reason: "" })).rejects.toMatchObject({ code: "VALIDATION" });
    await proposeAllowedHost(editor, id, { pattern: "evil.example.net", reason: "trust me" });
    const [proposal] = await listHostProposals(editor, id);
    await decideHostProposal(admin, proposal!.id, false);
    expect(await listHostProposals(admin, id)).toEqual([]);
    expect((await db.workflowAllowedHost.findMany({ where: { workflowId: id } })).map((h) => h.pattern)).toEqual(["api.example.com"]);
    expect(await db.auditEvent.count({ where: { targetId: id, action: "workflow.hosts.declined" } })).toBe(1);
  });
});

describe("deleting a workflow", () => {
  it("editors delete (audited, runs deleted with it); viewers and other workspaces cannot; refused while runs are active", async () => {
    const { owner, viewer, editor, stranger, id } = await setup();
    const runId = await createRun(owner, id, {}, 10_000);
    await expect(deleteWorkflow(viewer, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteWorkflow(stranger, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteWorkflow(editor, id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("1 run is still queued") });
    await db.workflowRun.update({ where: { id: runId }, data: { status: "completed" } });
    expect(await deleteWorkflow(editor, id)).toEqual({ runsDeleted: 1 });
    expect(await db.workflow.count({ where: { id } })).toBe(0);
    expect(await db.workflowRun.count({ where: { id: runId } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workflow.deleted" } });
    expect(event).toMatchObject({ actorLabel: editor.email, detail: { namespace: "n", name: "w", runsDeleted: 1 } });
    // The workflow secrets are the project's: they stay.
    expect(await db.workflowSecret.count({ where: { projectId: owner.projectId } })).toBe(1);
  });
});

describe("run list paging", () => {
  it("pages newest first by a run id cursor, filters by status, caps the page size and stays in the project", async () => {
    const { owner, stranger, id } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createRun(owner, id, { i }, 10_000));
    await db.workflowRun.update({ where: { id: ids[1]! }, data: { status: "faulted" } });
    const first = await listRunsPage(owner, { take: 2 });
    expect(first.runs).toHaveLength(2);
    const second = await listRunsPage(owner, { take: 2, before: first.nextBefore! });
    const third = await listRunsPage(owner, { take: 2, before: second.nextBefore! });
    expect(third.nextBefore).toBeNull();
    const all = [...first.runs, ...second.runs, ...third.runs].map((r) => r.id);
    expect(new Set(all).size).toBe(5);
    expect(all.sort()).toEqual([...ids].sort());
    expect((await listRunsPage(owner, { status: "faulted" })).runs.map((r) => r.id)).toEqual([ids[1]]);
    expect((await listRunsPage(owner, { take: 10_000 })).runs.length).toBe(5); // capped at 100, 5 exist
    await expect(listRunsPage(stranger, { before: ids[0]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listRunsPage(stranger)).runs).toEqual([]);
  });
});
