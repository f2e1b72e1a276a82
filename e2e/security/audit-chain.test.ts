// Issue 13 item 11: the audit log is a per-workspace hash chain; editing or deleting a stored event is detected
// by verifyAuditChain (and so by `npm run audit:verify` and the audit page's "Verify now").
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { lastAuditVerification, verifyAuditChain } from "@/lib/data/audit-chain";
import { seedWorkspace } from "@/lib/testing/seed-actors";

async function workspaceWithEvents(n: number) {
  const { ws } = await seedWorkspace();
  for (let i = 0; i < n; i++) {
    await recordAudit({ workspaceId: ws.id, actorLabel: "a@t.local", action: "connection.tested", detail: { i, nested: { b: 2, a: [1, "x"] } } });
  }
  const rows = await db.auditEvent.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
  return { ws, rows };
}

describe("tamper-evident audit", () => {
  it("chains each event to the previous one and verifies an untouched chain", async () => {
    const { ws, rows } = await workspaceWithEvents(5);
    expect(rows.map((r) => r.chainSeq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    const result = await verifyAuditChain(ws.id);
    expect(result).toMatchObject({ ok: true, events: 5, message: null });
    expect(await lastAuditVerification(ws.id)).toMatchObject({ ok: true, events: 5 });
  });

  it("detects an event whose detail was changed", async () => {
    const { ws, rows } = await workspaceWithEvents(4);
    await db.auditEvent.update({ where: { id: rows[2]!.id }, data: { detail: { i: 99, nested: { b: 2, a: [1, "x"] } } } });
    const result = await verifyAuditChain(ws.id);
    expect(result).toMatchObject({ ok: false, brokenEventId: rows[2]!.id, events: 2 });
    expect(result.message).toMatch(/changed after it was written/);
    expect(await lastAuditVerification(ws.id)).toMatchObject({ ok: false });
  });

  it("detects a deleted event in the middle and at the end", async () => {
    const { ws, rows } = await workspaceWithEvents(4);
    await db.auditEvent.delete({ where: { id: rows[1]!.id } });
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: false, brokenEventId: rows[2]!.id });

    const other = await workspaceWithEvents(3);
    await db.auditEvent.delete({ where: { id: other.rows[2]!.id } });
    const tail = await verifyAuditChain(other.ws.id);
    expect(tail.ok).toBe(false);
    expect(tail.message).toMatch(/newest were deleted/);
  });

  it("detects an event whose chain fields were stripped to pass as pre-chain", async () => {
    const { ws, rows } = await workspaceWithEvents(3);
    await db.auditEvent.update({ where: { id: rows[2]!.id }, data: { chainSeq: null, hash: null, prevHash: null } });
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: false, brokenEventId: rows[2]!.id });
  });

  it("records the verification of a workspace without events, and chains its first event after it", async () => {
    const { ws } = await seedWorkspace();
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true, events: 0 });
    expect(await lastAuditVerification(ws.id)).toMatchObject({ ok: true, events: 0 });
    await recordAudit({ workspaceId: ws.id, actorLabel: "a", action: "x" });
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true, events: 1 });
  });

  it("keeps a chain per workspace and reports events from before the chain as unverified", async () => {
    const { ws } = await seedWorkspace();
    await db.auditEvent.create({ data: { workspaceId: ws.id, actorLabel: "old", action: "legacy", outcome: "success", detail: {} } });
    await recordAudit({ workspaceId: ws.id, actorLabel: "a", action: "x" });
    const other = await workspaceWithEvents(2);
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true, events: 1, preChain: 1 });
    expect(await verifyAuditChain(other.ws.id)).toMatchObject({ ok: true, events: 2, preChain: 0 });
  });
});

describe("npm run audit:verify", () => {
  it("prints progress and the first broken link, and exits 1 on a break", async () => {
    const { spawnSync } = await import("node:child_process");
    const { join, resolve } = await import("node:path");
    const root = resolve(__dirname, "../..");
    const { ws, rows } = await workspaceWithEvents(3);
    const run = () =>
      spawnSync(join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/audit-verify.ts", "--workspace", String(ws.id)], {
        cwd: root,
        env: process.env,
        encoding: "utf8",
        timeout: 60_000,
      });
    const good = run();
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(`workspace ${ws.id}: OK, 3 events`);
    await db.auditEvent.update({ where: { id: rows[1]!.id }, data: { outcome: "failure" } });
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`Event #${rows[1]!.id} was changed after it was written.`);
  });
});
