// The committed PostgreSQL migrations must build exactly the tables of prisma/postgres/schema.prisma: a schema
// edit without a PostgreSQL migration (or a hand-edited migration) fails here. Compares the catalog of a
// database migrated by lib/migrations with one built from `prisma migrate diff --from-empty` of the schema.
import { describe, expect, inject, it } from "vitest";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import pg from "pg";
import { migrateDatabase } from "./migrate-database";
import { createDatabase } from "@/lib/testing/postgres-cluster";

const ROOT = resolve(__dirname, "../..");

const CATALOG = [
  `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_keyhold_migrations' ORDER BY 1, 2`,
  "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_keyhold_migrations' ORDER BY 1",
  `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_keyhold_migrations' ORDER BY 1, 2`,
];

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function describeCatalog(url: string): Promise<unknown[][]> {
  return withClient(url, async (client) => {
    const result: unknown[][] = [];
    for (const sql of CATALOG) result.push((await client.query(sql)).rows);
    return result;
  });
}

describe("prisma/postgres/migrations", () => {
  it("build exactly the schema of prisma/postgres/schema.prisma", async () => {
    const adminUrl = inject("postgres").adminUrl;
    const [migrated, expected] = [await createDatabase(adminUrl, "keyhold_migrated"), await createDatabase(adminUrl, "keyhold_expected")];
    await migrateDatabase(migrated);
    // `migrate diff` through adapter-pg opens a connection although it reads no database: give it the empty one.
    const script = execFileSync(
      resolve(ROOT, "node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--script", "--config", "prisma.postgres.config.ts"],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: expected }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    await withClient(expected, (c) => c.query(script));
    const [actual, wanted] = [await describeCatalog(migrated), await describeCatalog(expected)];
    expect(wanted[0]!.length).toBeGreaterThan(50);
    expect(actual).toEqual(wanted);
  }, 120_000);
});
