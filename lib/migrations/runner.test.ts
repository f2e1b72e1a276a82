import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { migrate, type Migration } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";

const m = (name: string, sql: string): Migration => ({ name, sql, checksum: `sum-${sql.length}-${name}` });

describe("migration runner on SQLite", () => {
  it("applies pending migrations once, in order", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "kh-mig-")), "db.sqlite")}`;
    const migrations = [m("0001_a", "CREATE TABLE a (id INTEGER);"), m("0002_b", "CREATE TABLE b (id INTEGER);")];
    expect(await migrate(sqliteMigrationDriver(url), migrations)).toEqual(["0001_a", "0002_b"]);
    expect(await migrate(sqliteMigrationDriver(url), migrations)).toEqual([]);
  });

  it("rolls back a failing migration completely", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "kh-mig-")), "db.sqlite")}`;
    const bad = m("0001_bad", "CREATE TABLE c (id INTEGER); INSERT INTO nope VALUES (1);");
    await expect(migrate(sqliteMigrationDriver(url), [bad])).rejects.toThrow();
    const client = createClient({ url });
    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='c'");
    expect(tables.rows).toHaveLength(0);
    const applied = await client.execute('SELECT name FROM "_keyhold_migrations"');
    expect(applied.rows).toHaveLength(0);
    client.close();
  });

  it("refuses to run when an applied migration was edited", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), "kh-mig-")), "db.sqlite")}`;
    await migrate(sqliteMigrationDriver(url), [m("0001_a", "CREATE TABLE a (id INTEGER);")]);
    await expect(migrate(sqliteMigrationDriver(url), [m("0001_a", "CREATE TABLE a (id INTEGER, x TEXT);")])).rejects.toThrow(/changed after it was applied/);
  });
});
