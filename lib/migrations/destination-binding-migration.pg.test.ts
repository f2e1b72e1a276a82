// Migration 0004 on existing PostgreSQL data: the same binding as on SQLite (destination-binding-migration.test.ts).
import { describe, expect, inject, it } from "vitest";
import { resolve } from "node:path";
import pg from "pg";
import { bindingKey } from "@/lib/connections/destination";
import { migrate, readMigrations } from "./runner";
import { postgresMigrationDriver } from "./postgres-driver";
import { createDatabase } from "@/lib/testing/postgres-cluster";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/postgres/migrations"));

describe("migration 0004_destination_binding on PostgreSQL", () => {
  it("binds existing fields to their connection's current destination", async () => {
    const url = await createDatabase(inject("postgres").adminUrl, "keyhold_dest");
    const driver = postgresMigrationDriver(url);
    await migrate(
      driver,
      MIGRATIONS.filter((m) => m.name < "0004"),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('W', '[]', now())`);
      await client.query(`INSERT INTO "Project" ("workspaceId", "name", "updatedAt") VALUES (1, 'P', now())`);
      await client.query(
        `INSERT INTO "Connection" ("workspaceId", "projectId", "name", "type", "settings", "wrappedDataKey", "updatedAt") VALUES (1, 1, 'API', 'http', $1, '\\x00', now())`,
        [JSON.stringify({ baseUrl: "http://api.example.com:8080/x", authKind: "bearer" })],
      );
      await client.query(`INSERT INTO "CredentialField" ("connectionId", "name", "mode") VALUES (1, 'token', 'literal')`);
      expect(await migrate(driver, MIGRATIONS)).toContain("0004_destination_binding");
      const { rows } = await client.query(`SELECT "destination" FROM "CredentialField"`);
      expect(rows.map((r) => bindingKey(r.destination))).toEqual(["http://api.example.com:8080"]);
    } finally {
      await client.end();
      await driver.close();
    }
  });
});
