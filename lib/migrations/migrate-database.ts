import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { migrate, readMigrations } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";

const MIGRATIONS_DIR = resolve(__dirname, "../../prisma/migrations");

/** Brings the database at `url` up to date; creates the SQLite file's folder when needed. */
export async function migrateDatabase(url: string): Promise<string[]> {
  if (!url.startsWith("file:")) throw new Error("PostgreSQL migrations are not built yet: set DATABASE_URL to a file: URL.");
  mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
  const driver = sqliteMigrationDriver(url);
  try {
    return await migrate(driver, readMigrations(MIGRATIONS_DIR));
  } finally {
    await driver.close();
  }
}
