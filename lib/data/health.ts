import "server-only";
import { db } from "@/lib/db";
import { getMasterKey } from "@/lib/crypto/keyring";
import { keyMatchesCheck } from "@/lib/crypto/key-check";
import { readKeyCheck } from "./master-key-check";

/** The database answers a query. */
export async function pingDatabase(): Promise<void> {
  await db.workspace.findFirst({ select: { id: true } });
}

/** The migrations the runner recorded (lib/migrations/runner.ts). */
export async function appliedMigrationNames(): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string }>>('SELECT "name" FROM "_keyhold_migrations"');
  return rows.map((r) => r.name);
}

/**
 * The configured master key is the one the database was written with (start records the check value), so a
 * console that could not decrypt its own data never reports ready. Throws with the reason.
 */
export async function checkMasterKeyMatches(): Promise<void> {
  const stored = await readKeyCheck();
  if (!stored) throw new Error("No master key check value: the start did not verify the master key.");
  if (!keyMatchesCheck(getMasterKey(), stored)) throw new Error("The configured master key is not this database's.");
}

/** Readiness of the database as a whole: it answers and the master key is its own. */
export async function checkDatabase(): Promise<void> {
  await pingDatabase();
  await checkMasterKeyMatches();
}
