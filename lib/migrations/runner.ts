// Applies prisma/migrations/*/migration.sql in order, each in its own transaction together with its row in
// _keyhold_migrations. Our own few lines instead of `prisma migrate deploy`: it works offline on both
// databases (the Prisma CLI cannot migrate PostgreSQL through a driver adapter: docs/toolchain.md "Prisma") and it
// refuses to run when an applied migration file was edited afterwards.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

export interface MigrationDriver {
  /** Creates the bookkeeping table when missing. */
  ensureTable(): Promise<void>;
  applied(): Promise<Map<string, string>>;
  /**
   * Runs the script and records it, atomically. False when another process applied it first: a driver whose
   * database may be migrated by several instances at once checks again under a lock (PostgreSQL).
   */
  apply(name: string, checksum: string, sql: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function editedMigrationError(name: string): Error {
  return new Error(`Migration ${name} was changed after it was applied. Add a new migration instead of editing an old one.`);
}

/** Returns the names it applied. */
export async function migrate(driver: MigrationDriver, migrations: Migration[]): Promise<string[]> {
  await driver.ensureTable();
  const applied = await driver.applied();
  for (const [name, checksum] of applied) {
    const file = migrations.find((m) => m.name === name);
    if (file && file.checksum !== checksum) {
      throw editedMigrationError(name);
    }
  }
  const done: string[] = [];
  for (const m of migrations.filter((m) => !applied.has(m.name))) {
    if (await driver.apply(m.name, m.checksum, m.sql)) done.push(m.name);
  }
  return done;
}
