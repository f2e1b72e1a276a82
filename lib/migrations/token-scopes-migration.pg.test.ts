// Migration 0010 on existing PostgreSQL tokens: the same mapping as on SQLite (token-scopes-migration.test.ts).
import { describe, expect, inject, it } from "vitest";
import { resolve } from "node:path";
import pg from "pg";
import { formatScopes, LEGACY_SCOPES } from "@/lib/auth/token-scopes";
import { createDatabase } from "@/lib/testing/postgres-cluster";
import { postgresMigrationDriver } from "./postgres-driver";
import { migrate, readMigrations } from "./runner";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/postgres/migrations"));

describe("migration 0010_sessions_scopes on PostgreSQL", () => {
  it("gives existing tokens the scopes that match what they could call", async () => {
    const url = await createDatabase(inject("postgres").adminUrl, "keyhold_token_scopes");
    const driver = postgresMigrationDriver(url);
    await migrate(
      driver,
      MIGRATIONS.filter((m) => m.name < "0010"),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('Old', '[]', now())`);
      for (const [i, scope] of ["all", "cache", "workflows", "bogus"].entries())
        await client.query(`INSERT INTO "ApiToken" ("workspaceId", "name", "prefix", "tokenHash", "scope") VALUES (1, $1, 'kh_x', $2, $1)`, [
          scope,
          `hash${i}`,
        ]);
      expect(await migrate(driver, MIGRATIONS)).toContain("0010_sessions_scopes");
      const rows = (await client.query(`SELECT "name", "scopes", "projectIds" FROM "ApiToken" ORDER BY "id"`)).rows;
      expect(rows).toEqual([
        { name: "all", scopes: formatScopes(LEGACY_SCOPES.all), projectIds: null },
        { name: "cache", scopes: formatScopes(LEGACY_SCOPES.cache), projectIds: null },
        { name: "workflows", scopes: formatScopes(LEGACY_SCOPES.workflows), projectIds: null },
        { name: "bogus", scopes: "", projectIds: null },
      ]);
    } finally {
      await client.end();
    }
  });
});
