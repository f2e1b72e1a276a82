// Migration 0002 on existing PostgreSQL data: the same upgrade rule as on SQLite (egress-mode-migration.test.ts).
import { describe, expect, inject, it } from "vitest";
import { resolve } from "node:path";
import pg from "pg";
import { migrate, readMigrations } from "./runner";
import { postgresMigrationDriver } from "./postgres-driver";
import { createDatabase } from "@/lib/testing/postgres-cluster";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/postgres/migrations"));

describe("migration 0002_workspace_egress_mode on PostgreSQL", () => {
  it("gives existing workspaces public+private; new ones default to public", async () => {
    const url = await createDatabase(inject("postgres").adminUrl, "keyhold_egress");
    const driver = postgresMigrationDriver(url);
    await migrate(
      driver,
      MIGRATIONS.filter((m) => m.name < "0002"),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('Old', '["10.0.0.0/8"]', now())`);
      expect(await migrate(driver, MIGRATIONS)).toContain("0002_workspace_egress_mode");
      expect((await client.query(`SELECT "egressMode", "egressAllowList" FROM "Workspace"`)).rows).toEqual([
        { egressMode: "public+private", egressAllowList: ["10.0.0.0/8"] },
      ]);
      await client.query(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('New', '[]', now())`);
      expect((await client.query(`SELECT "egressMode" FROM "Workspace" WHERE "name" = 'New'`)).rows[0].egressMode).toBe("public");
    } finally {
      await client.end();
      await driver.close();
    }
  });
});
