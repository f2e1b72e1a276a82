// Migration 0004 on existing data: every credential field is bound to its connection's destination at the
// upgrade, so a later move that keeps it is caught (docs/threat-model.md, threat 1), while the upgrade itself
// breaks no connection test.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createClient } from "@libsql/client";
import { bindingKey, destinationKeyOf } from "@/lib/connections/destination";
import { migrate, readMigrations } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/migrations"));

describe("migration 0004_destination_binding on SQLite", () => {
  it("binds existing fields to their connection's current destination", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "kh-dest-")), "db.sqlite")}`;
    await migrate(
      sqliteMigrationDriver(url),
      MIGRATIONS.filter((m) => m.name < "0004"),
    );
    const client = createClient({ url });
    try {
      await client.execute(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('W', '[]', CURRENT_TIMESTAMP)`);
      await client.execute(`INSERT INTO "Project" ("workspaceId", "name", "updatedAt") VALUES (1, 'P', CURRENT_TIMESTAMP)`);
      const api = { baseUrl: "https://API.example.com/v1", authKind: "bearer", testPath: "/" };
      const db = { host: "db.internal", port: 5433, database: "orders", sslMode: "verify-full" };
      for (const [name, type, settings] of [
        ["API", "http", api],
        ["DB", "postgres", db],
      ] as const) {
        await client.execute({
          sql: `INSERT INTO "Connection" ("workspaceId", "projectId", "name", "type", "settings", "wrappedDataKey", "updatedAt") VALUES (1, 1, ?, ?, ?, x'00', CURRENT_TIMESTAMP)`,
          args: [name, type, JSON.stringify(settings)],
        });
      }
      await client.execute(
        `INSERT INTO "CredentialField" ("connectionId", "name", "mode", "template") VALUES (1, 'token', 'template', '{{x}}'), (2, 'password', 'literal', NULL)`,
      );
      expect(await migrate(sqliteMigrationDriver(url), MIGRATIONS)).toContain("0004_destination_binding");
      const rows = (await client.execute(`SELECT "connectionId", "destination" FROM "CredentialField" ORDER BY "connectionId"`)).rows;
      expect(rows.map((r) => bindingKey(r.destination as string))).toEqual([destinationKeyOf("http", api), destinationKeyOf("postgres", db)]);
      expect(bindingKey(rows[0]!.destination as string)).toBe("https://api.example.com:443");
      expect(bindingKey(rows[1]!.destination as string)).toBe("postgres://db.internal:5433 tls=verify-full");
      const session = await client.execute(`SELECT name FROM pragma_table_info('Session') WHERE name = 'reauthenticatedAt'`);
      expect(session.rows).toHaveLength(1);
    } finally {
      client.close();
    }
  });
});
