// Tests only: whether a value reached the database's files in plain text (encryption-at-rest checks), on
// either database. SQLite: the database file after a WAL checkpoint. PostgreSQL: the database's folder in the
// test cluster and its WAL, after a CHECKPOINT (vitest.postgres.config.mts provides the data directory).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export async function databaseFilesContain(needle: string): Promise<boolean> {
  const bytes = Buffer.from(needle);
  if (env.DATABASE_URL.startsWith("file:")) {
    await db.$executeRawUnsafe("PRAGMA wal_checkpoint(FULL)").catch(() => undefined);
    return readFileSync(env.DATABASE_URL.slice("file:".length)).includes(bytes);
  }
  await db.$executeRawUnsafe("CHECKPOINT");
  const [row] = await db.$queryRawUnsafe<Array<{ oid: number }>>("SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()");
  const { dataDir } = inject("postgres");
  const files = [...filesUnder(join(dataDir, "base", String(row!.oid))), ...filesUnder(join(dataDir, "pg_wal"))];
  return files.some((file) => readFileSync(file).includes(bytes));
}
