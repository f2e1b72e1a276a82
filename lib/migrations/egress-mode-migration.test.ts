// Migration 0002 on existing data: workspaces that existed before the egress mode keep reaching private
// networks (what they could before), while workspaces created afterwards start public only.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createClient } from "@libsql/client";
import { migrate, readMigrations } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/migrations"));

describe("migration 0002_workspace_egress_mode on SQLite", () => {
  it("gives existing workspaces public+private and keeps their rows and projects; new ones default to public", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "kh-egress-")), "db.sqlite")}`;
    const first = MIGRATIONS.filter((m) => m.name < "0002");
    expect(await migrate(sqliteMigrationDriver(url), first)).toEqual(["0001_init"]);
    const client = createClient({ url });
    try {
      await client.execute(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('Old', '["127.0.0.1"]', CURRENT_TIMESTAMP)`);
      await client.execute(`INSERT INTO "Project" ("workspaceId", "name", "updatedAt") VALUES (1, 'P', CURRENT_TIMESTAMP)`);
      expect(await migrate(sqliteMigrationDriver(url), MIGRATIONS)).toContain("0002_workspace_egress_mode");
      const old = await client.execute(`SELECT "egressMode", "egressAllowList" FROM "Workspace" WHERE "name" = 'Old'`);
      expect(old.rows.map((r) => [r.egressMode, r.egressAllowList])).toEqual([["public+private", '["127.0.0.1"]']]);
      expect((await client.execute(`SELECT COUNT(*) AS n FROM "Project"`)).rows[0]!.n).toBe(1);
      await client.execute(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('New', '[]', CURRENT_TIMESTAMP)`);
      expect((await client.execute(`SELECT "egressMode" FROM "Workspace" WHERE "name" = 'New'`)).rows[0]!.egressMode).toBe("public");
    } finally {
      client.close();
    }
  });
});
