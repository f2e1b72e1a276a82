// lib/db.ts on PostgreSQL: the PostgreSQL client, cast to the SQLite-typed PrismaClient, runs the query shapes
// the data layer uses (vitest.postgres.config.mts; each file has its own migrated database).
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { databaseFilesContain } from "@/lib/testing/database-files";
import { createConnection } from "@/lib/data/connections";
import { listConnections } from "@/lib/data/projects";
import { listAuditActions, listAuditEvents } from "@/lib/data/audit";

describe("the Prisma client on PostgreSQL", () => {
  it("really talks to PostgreSQL", async () => {
    const [row] = await db.$queryRawUnsafe<Array<{ version: string }>>("SELECT version()");
    expect(row?.version).toMatch(/^PostgreSQL 15\./);
  });

  it("round-trips Json and Bytes columns exactly", async () => {
    const { ws, projects } = await seedWorkspace();
    const settings = { host: "db.internal", port: 5432, tls: true, tags: ["a", "ü€😀"], nested: { none: null, n: -1.5 } };
    const key = Uint8Array.from({ length: 256 }, (_, i) => i);
    const created = await db.connection.create({
      data: { workspaceId: ws.id, projectId: projects[0]!.id, name: "raw", type: "http", settings, wrappedDataKey: key },
    });
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.settings).toEqual(settings);
    expect(row.wrappedDataKey).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(row.wrappedDataKey).equals(Buffer.from(key))).toBe(true);
    expect((await db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).egressAllowList).toEqual([]);
  });

  it("keeps DateTime milliseconds and compares them in filters", async () => {
    const at = new Date("2030-01-02T03:04:05.678Z");
    const row = await db.loginAttempt.create({ data: { email: "ms@t.local", clientKey: "k", success: false, createdAt: at } });
    expect(row.createdAt.toISOString()).toBe(at.toISOString());
    expect(await db.loginAttempt.count({ where: { email: "ms@t.local", createdAt: { gte: at } } })).toBe(1);
    expect(await db.loginAttempt.count({ where: { email: "ms@t.local", createdAt: { gt: at } } })).toBe(0);
  });

  it("rolls back an interactive transaction that throws, and commits one that returns", async () => {
    const { ws } = await seedWorkspace();
    await expect(
      db.$transaction(async (tx) => {
        await tx.project.create({ data: { workspaceId: ws.id, name: "rolled back" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db.project.count({ where: { workspaceId: ws.id, name: "rolled back" } })).toBe(0);
    await db.$transaction(async (tx) => {
      await tx.project.create({ data: { workspaceId: ws.id, name: "committed" } });
    });
    expect(await db.project.count({ where: { workspaceId: ws.id, name: "committed" } })).toBe(1);
  });

  it("reports a unique violation inside a transaction as P2002, which the data layer turns into CONFLICT", async () => {
    const { projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await createConnection(actor, { name: "Twice", type: "http", settings: {}, credentials: {} });
    await expect(createConnection(actor, { name: "Twice", type: "http", settings: {}, credentials: {} })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.connection.count({ where: { projectId: projects[0]!.id, name: "Twice" } })).toBe(1);
  });

  it("runs distinct and groupBy", async () => {
    const { ws, wsActor, projects } = await seedWorkspace();
    for (const action of ["b.two", "a.one", "b.two", "a.one", "c.three"]) {
      await db.auditEvent.create({ data: { workspaceId: ws.id, actorLabel: "x", action, outcome: "success", detail: {} } });
    }
    expect(await listAuditActions(wsActor)).toEqual(["a.one", "b.two", "c.three"]);
    const rows: Array<[number, boolean]> = [
      [0, false],
      [0, false],
      [1, false],
      [1, true],
    ];
    for (const [i, [project, lastTestOk]] of rows.entries()) {
      await db.connection.create({
        data: {
          workspaceId: ws.id,
          projectId: projects[project]!.id,
          name: `g${i}`,
          type: "http",
          settings: {},
          wrappedDataKey: new Uint8Array(8),
          lastTestOk,
        },
      });
    }
    const failing = await db.connection.groupBy({ by: ["projectId"], where: { workspaceId: ws.id, lastTestOk: false }, _count: { _all: true } });
    expect(new Map(failing.map((f) => [f.projectId, f._count._all]))).toEqual(
      new Map([
        [projects[0]!.id, 2],
        [projects[1]!.id, 1],
      ]),
    );
  });

  it("searches ignore case like SQLite (containsText), prefixes stay exact, and % and _ are wildcards as on SQLite", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    for (const name of ["Orders DB", "orders_archive", "100% uptime"]) {
      await createConnection(actor, { name, type: "http", settings: {}, credentials: {} });
    }
    const names = async (q: string) => (await listConnections(actor, { q })).rows.map((r) => r.name).sort();
    expect(await names("rders")).toEqual(["Orders DB", "orders_archive"]);
    expect(await names("orders")).toEqual(["Orders DB", "orders_archive"]);
    expect(await names("ORDERS")).toEqual(["Orders DB", "orders_archive"]);
    // Prisma does not escape LIKE wildcards on either database.
    expect(await names("_")).toEqual(["100% uptime", "Orders DB", "orders_archive"]);
    const audit = async (filters: { actor?: string; action?: string }) => (await listAuditEvents(wsActor, filters)).events.length;
    expect(await audit({ actor: wsActor.email })).toBe(3);
    expect(await audit({ actor: wsActor.email.toUpperCase() })).toBe(3);
    expect(await audit({ action: "connection." })).toBe(3);
    expect(await audit({ action: "Connection." })).toBe(0);
    expect(await audit({ action: "connection%" })).toBe(3);
  });

  it("stores literal credentials encrypted: the canary is nowhere in the database's files or its WAL", async () => {
    const canary = `canary-${randomBytes(8).toString("hex")}`;
    const visible = `visible-${randomBytes(8).toString("hex")}`;
    const { projects, projectActor } = await seedWorkspace();
    await createConnection(projectActor(projects[0]!.id), {
      name: visible,
      type: "postgres",
      settings: { host: "db.internal", port: 5432, database: "orders", sslMode: "require" },
      credentials: { user: { mode: "set", value: "orders_app" }, password: { mode: "set", value: canary } },
    });
    // The plain-text connection name is found, so the scan does read what was written.
    expect(await databaseFilesContain(visible)).toBe(true);
    expect(await databaseFilesContain(canary)).toBe(false);
  });
});
