// Migration 0005 on existing PostgreSQL data: the same backfill as on SQLite (reference-policy-migration.test.ts).
import { describe, expect, inject, it } from "vitest";
import { resolve } from "node:path";
import pg from "pg";
import { migrate, readMigrations } from "./runner";
import { postgresMigrationDriver } from "./postgres-driver";
import { createDatabase } from "@/lib/testing/postgres-cluster";
import { destinationOfConnection, formatDestination } from "@/lib/secrets/reference-policy";
import { PRE_POLICY_CONNECTIONS, referencesOf } from "./reference-policy-fixture";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/postgres/migrations"));

async function seedOld(client: pg.Client): Promise<void> {
  await client.query(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('Old', '[]', now())`);
  await client.query(`INSERT INTO "Project" ("workspaceId", "name", "updatedAt") VALUES (1, 'P', now())`);
  await client.query(
    `INSERT INTO "SecretsProviderConfig" ("workspaceId", "currentOwnerKey", "kind", "settings", "updatedAt") VALUES (1, 'w:1', 'vault', '{}', now())`,
  );
  for (const [i, c] of PRE_POLICY_CONNECTIONS.entries()) {
    await client.query(
      `INSERT INTO "Connection" ("workspaceId", "projectId", "name", "type", "settings", "wrappedDataKey", "updatedAt") VALUES (1, 1, $1, $2, $3, '\\x00', now())`,
      [`c${i}`, c.type, JSON.stringify(c.settings)],
    );
    for (const [j, secretId] of referencesOf(i).entries())
      await client.query(
        `INSERT INTO "SecretUsage" ("workspaceId", "projectId", "connectionId", "fieldName", "providerConfigId", "secretId", "reference") VALUES (1, 1, $1, $2, 1, $3, 'r')`,
        [i + 1, `f${j}`, secretId],
      );
  }
}

describe("migration 0005_reference_policy on PostgreSQL", () => {
  it("gives each configuration exactly the secrets it references, with the destinations that reference them", async () => {
    const url = await createDatabase(inject("postgres").adminUrl, "keyhold_refpolicy");
    const driver = postgresMigrationDriver(url);
    await migrate(
      driver,
      MIGRATIONS.filter((m) => m.name < "0005"),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await seedOld(client);
      expect(await migrate(driver, MIGRATIONS)).toContain("0005_reference_policy");
      const rows = await client.query(`SELECT "providerConfigId", "secretPattern", "destinations" FROM "ReferencePolicyEntry" ORDER BY "secretPattern"`);
      const expected = [...new Set(PRE_POLICY_CONNECTIONS.map((c) => formatDestination(destinationOfConnection(c.type, c.settings)!)))].sort();
      expect(rows.rows.map((r) => ({ ...r, destinations: [...r.destinations].sort() }))).toEqual([
        { providerConfigId: 1, secretPattern: "secret:ops/a", destinations: ["api.example.com:443"] },
        { providerConfigId: 1, secretPattern: "secret:prod/db", destinations: expected },
      ]);
      expect((await client.query(`SELECT "policyNoticePending" FROM "SecretsProviderConfig"`)).rows).toEqual([{ policyNoticePending: true }]);
    } finally {
      await client.end();
      await driver.close();
    }
  });
});
