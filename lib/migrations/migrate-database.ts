import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { migrate, readMigrations, type MigrationDriver } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";
import { postgresMigrationDriver } from "./postgres-driver";

const SQLITE_MIGRATIONS_DIR = resolve(__dirname, "../../prisma/migrations");
const POSTGRES_MIGRATIONS_DIR = resolve(__dirname, "../../prisma/postgres/migrations");

function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

/**
 * Creates a missing SQLite file owner-only (0600) in an owner-only folder (0700): it holds wrapped keys and
 * password hashes. An existing file or folder keeps the mode its operator chose.
 */
function createSqliteFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
}

/** Brings the database at `url` up to date; creates the SQLite file (and its folder) when needed. */
export async function migrateDatabase(url: string): Promise<string[]> {
  let driver: MigrationDriver;
  let dir: string;
  if (url.startsWith("file:")) {
    createSqliteFile(url.slice("file:".length));
    driver = sqliteMigrationDriver(url);
    dir = SQLITE_MIGRATIONS_DIR;
  } else if (isPostgresUrl(url)) {
    driver = postgresMigrationDriver(url);
    dir = POSTGRES_MIGRATIONS_DIR;
  } else {
    throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL).");
  }
  try {
    return await migrate(driver, readMigrations(dir));
  } finally {
    await driver.close();
  }
}
