// Migration 0010 on existing tokens: "all" → admin, "cache" → clear-cache and refresh, "workflows" → the run
// APIs; an unknown value grants nothing; no token is limited to projects.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createClient } from "@libsql/client";
import { formatScopes, LEGACY_SCOPES } from "@/lib/auth/token-scopes";
import { migrate, readMigrations } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/migrations"));

describe("migration 0010_sessions_scopes on SQLite", () => {
  it("gives existing tokens the scopes that match what they could call", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "kh-scopes-")), "db.sqlite")}`;
    await migrate(
      sqliteMigrationDriver(url),
      MIGRATIONS.filter((m) => m.name < "0010"),
    );
    const client = createClient({ url });
    try {
      await client.execute(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('Old', '[]', CURRENT_TIMESTAMP)`);
      for (const [i, scope] of ["all", "cache", "workflows", "bogus"].entries())
        await client.execute({
          sql: `INSERT INTO "ApiToken" ("workspaceId", "name", "prefix", "tokenHash", "scope") VALUES (1, ?, 'kh_x', ?, ?)`,
          args: [scope, `hash${i}`, scope],
        });
      expect(await migrate(sqliteMigrationDriver(url), MIGRATIONS)).toContain("0010_sessions_scopes");
      const rows = await client.execute(`SELECT "name", "scopes", "projectIds" FROM "ApiToken" ORDER BY "id"`);
      expect(rows.rows.map((r) => [r.name, r.scopes, r.projectIds])).toEqual([
        ["all", formatScopes(LEGACY_SCOPES.all), null],
        ["cache", formatScopes(LEGACY_SCOPES.cache), null],
        ["workflows", formatScopes(LEGACY_SCOPES.workflows), null],
        ["bogus", "", null],
      ]);
      const columns = await client.execute(`SELECT "name" FROM pragma_table_info('ApiToken')`);
      expect(columns.rows.map((r) => r.name)).not.toContain("scope");
    } finally {
      client.close();
    }
  });
});
