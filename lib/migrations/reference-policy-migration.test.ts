// Migration 0005 on existing data: each configuration's policy allows exactly the secrets its connections
// reference, to the destinations that reference them, computed in SQL the way destinationOfConnection does.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { migrate, readMigrations } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";
import { destinationOfConnection, formatDestination } from "@/lib/secrets/reference-policy";
import { PRE_POLICY_CONNECTIONS as CONNECTIONS, referencesOf } from "./reference-policy-fixture";

const MIGRATIONS = readMigrations(resolve(__dirname, "../../prisma/migrations"));

async function seedOld(client: Client): Promise<void> {
  const now = "CURRENT_TIMESTAMP";
  await client.execute(`INSERT INTO "Workspace" ("name", "egressAllowList", "updatedAt") VALUES ('Old', '[]', ${now})`);
  await client.execute(`INSERT INTO "Project" ("workspaceId", "name", "updatedAt") VALUES (1, 'P', ${now})`);
  for (const [key, kind] of [
    ["w:1", "vault"],
    ["p:1", "aws"],
  ] as const)
    await client.execute({
      sql: `INSERT INTO "SecretsProviderConfig" ("workspaceId", "currentOwnerKey", "kind", "settings", "updatedAt") VALUES (1, ?, ?, '{}', ${now})`,
      args: [key, kind],
    });
  for (const [i, c] of CONNECTIONS.entries()) {
    await client.execute({
      sql: `INSERT INTO "Connection" ("workspaceId", "projectId", "name", "type", "settings", "wrappedDataKey", "updatedAt") VALUES (1, 1, ?, ?, ?, x'00', ${now})`,
      args: [`c${i}`, c.type, JSON.stringify(c.settings)],
    });
    for (const [j, secretId] of referencesOf(i).entries())
      await client.execute({
        sql: `INSERT INTO "SecretUsage" ("workspaceId", "projectId", "connectionId", "fieldName", "providerConfigId", "secretId", "reference") VALUES (1, 1, ?, ?, 1, ?, 'r')`,
        args: [i + 1, `f${j}`, secretId],
      });
  }
}

describe("migration 0005_reference_policy on SQLite", () => {
  it("gives each configuration exactly the secrets it references, with the destinations that reference them", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "kh-refpolicy-")), "db.sqlite")}`;
    await migrate(
      sqliteMigrationDriver(url),
      MIGRATIONS.filter((m) => m.name < "0005"),
    );
    const client = createClient({ url });
    try {
      await seedOld(client);
      expect(await migrate(sqliteMigrationDriver(url), MIGRATIONS)).toContain("0005_reference_policy");
      const rows = await client.execute(`SELECT "providerConfigId", "secretPattern", "destinations" FROM "ReferencePolicyEntry" ORDER BY "secretPattern"`);
      const entries = rows.rows.map((r) => ({ config: r.providerConfigId, secret: r.secretPattern, destinations: JSON.parse(String(r.destinations)).sort() }));
      const expected = CONNECTIONS.map((c) => formatDestination(destinationOfConnection(c.type, c.settings)!)).sort();
      expect(entries).toEqual([
        { config: 1, secret: "secret:ops/a", destinations: ["api.example.com:443"] },
        { config: 1, secret: "secret:prod/db", destinations: [...new Set(expected)] },
      ]);
      expect(expected).toContain("[2001:db8::1]:443");
      const notices = await client.execute(`SELECT "currentOwnerKey", "policyNoticePending" FROM "SecretsProviderConfig" ORDER BY "id"`);
      expect(notices.rows.map((r) => [r.currentOwnerKey, Number(r.policyNoticePending)])).toEqual([
        ["w:1", 1],
        ["p:1", 1],
      ]);
    } finally {
      client.close();
    }
  });
});
