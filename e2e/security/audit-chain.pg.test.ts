// Issue 13 item 11 on PostgreSQL: two console instances (two Prisma clients, two pools) appending to the same
// workspace at once still build one unbroken chain, because each append locks the workspace's chain head.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { appendAuditEvent, verifyAuditChain } from "@/lib/data/audit-chain";
import { seedWorkspace } from "@/lib/testing/seed-actors";

describe("audit chain under concurrent writers (PostgreSQL)", () => {
  it("keeps one chain when two instances append at once", async () => {
    const { ws } = await seedWorkspace();
    const second = new PostgresPrismaClient({ adapter: new PrismaPg(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 })) });
    const event = (i: number) => ({
      workspaceId: ws.id,
      projectId: null,
      actorUserId: null,
      actorLabel: `writer ${i % 2}`,
      action: "connection.tested",
      targetType: null,
      targetId: null,
      outcome: "success",
      detail: { i },
    });
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 2 === 0
            ? recordAudit({ workspaceId: ws.id, actorLabel: "writer 0", action: "connection.tested", detail: { i } })
            : second.$transaction((tx) => appendAuditEvent(event(i), tx as never), { maxWait: 15_000, timeout: 15_000 }),
        ),
      );
    } finally {
      await second.$disconnect();
    }
    const rows = await db.auditEvent.findMany({ where: { workspaceId: ws.id }, orderBy: { chainSeq: "asc" }, select: { chainSeq: true } });
    expect(rows.map((r) => r.chainSeq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true, events: 60 });
  });

  it("detects tampering on PostgreSQL too (Json detail read back with another key order)", async () => {
    const { ws } = await seedWorkspace();
    for (let i = 0; i < 3; i++) await recordAudit({ workspaceId: ws.id, actorLabel: "a", action: "x", detail: { z: i, a: { y: 1, b: [true, null] } } });
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true, events: 3 });
    const [first] = await db.auditEvent.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" }, take: 1 });
    await db.auditEvent.update({ where: { id: first!.id }, data: { actorLabel: "someone else" } });
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: false, brokenEventId: first!.id });
  });
});
