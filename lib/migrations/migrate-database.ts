import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { migrate, readMigrations, type MigrationDriver } from "./runner";
import { sqliteMigrationDriver } from "./sqlite-driver";
import { postgresMigrationDriver } from "./postgres-driver";

const SQLITE_MIGRATIONS_DIR = resolve(__dirname, "../../prisma/migrations");
const POSTGRES_MIGRATIONS_DIR = resolve(__dirname, "../../prisma/postgres/migrations");

function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

/** Brings the database at `url` up to date; creates the SQLite file's folder when needed. */
export async function migrateDatabase(url: string): Promise<string[]> {
  let driver: MigrationDriver;
  let dir: string;
  if (url.startsWith("file:")) {
    mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
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
