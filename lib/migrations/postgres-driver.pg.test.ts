import { describe, expect, inject, it } from "vitest";
import pg from "pg";
import { resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { migrate, readMigrations, type Migration } from "./runner";
import { migrateDatabase } from "./migrate-database";
import { postgresMigrationDriver } from "./postgres-driver";
import { createDatabase } from "@/lib/testing/postgres-cluster";

const m = (name: string, sql: string): Migration => ({ name, sql, checksum: `sum-${sql.length}-${name}` });
const freshDatabase = () => createDatabase(inject("postgres").adminUrl, "keyhold_mig");

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function run(url: string, migrations: Migration[]): Promise<string[]> {
  const driver = postgresMigrationDriver(url);
  try {
    return await migrate(driver, migrations);
  } finally {
    await driver.close();
  }
}

describe("migration runner on PostgreSQL", () => {
  it("applies pending migrations once, in order", async () => {
    const url = await freshDatabase();
    const migrations = [m("0001_a", "CREATE TABLE a (id INTEGER);"), m("0002_b", "CREATE TABLE b (id INTEGER); INSERT INTO b VALUES (1);")];
    expect(await run(url, migrations)).toEqual(["0001_a", "0002_b"]);
    expect(await run(url, migrations)).toEqual([]);
    expect(await query(url, 'SELECT "name" FROM "_keyhold_migrations" ORDER BY "name"')).toEqual([{ name: "0001_a" }, { name: "0002_b" }]);
  });

  it("rolls back a failing migration completely", async () => {
    const url = await freshDatabase();
    const bad = m("0001_bad", "CREATE TABLE c (id INTEGER); INSERT INTO nope VALUES (1);");
    await expect(run(url, [bad])).rejects.toThrow(/relation "nope" does not exist/);
    expect(await query(url, "SELECT to_regclass('public.c') AS c")).toEqual([{ c: null }]);
    expect(await query(url, 'SELECT "name" FROM "_keyhold_migrations"')).toEqual([]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const url = await freshDatabase();
    await run(url, [m("0001_a", "CREATE TABLE a (id INTEGER);")]);
    await expect(run(url, [m("0001_a", "CREATE TABLE a (id INTEGER, x TEXT);")])).rejects.toThrow(/changed after it was applied/);
  });

  it("lets two instances start together: one applies, the other waits and applies nothing", async () => {
    const url = await freshDatabase();
    // The sleep holds the first transaction open, so the second instance must wait on the advisory lock.
    const migrations = [m("0001_slow", "SELECT pg_sleep(0.5); CREATE TABLE slow (id INTEGER);"), m("0002_b", "CREATE TABLE b (id INTEGER);")];
    const results = await Promise.all([run(url, migrations), run(url, migrations)]);
    expect(results.flat().sort()).toEqual(["0001_slow", "0002_b"]);
    expect(await query(url, 'SELECT count(*)::int AS n FROM "_keyhold_migrations"')).toEqual([{ n: 2 }]);
  });

  it("migrates the real schema as a least-privilege role (CREATE on schema public only)", async () => {
    const url = await freshDatabase();
    const role = `keyhold_app_${process.pid}`;
    const password = randomBytes(12).toString("hex");
    await query(url, `CREATE ROLE ${role} LOGIN PASSWORD '${password}'; GRANT CREATE ON SCHEMA public TO ${role}`);
    const asApp = new URL(url);
    asApp.username = role;
    asApp.password = password;
    expect(await migrateDatabase(asApp.toString())).toEqual(readMigrations(resolve(__dirname, "../../prisma/postgres/migrations")).map((x) => x.name));
    expect(await migrateDatabase(asApp.toString())).toEqual([]);
    const tables = await query<{ t: string }>(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((r) => r.t)).toContain("Workspace");
  });
});
