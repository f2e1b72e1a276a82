import "server-only";
import { db } from "@/lib/db";
import { getMasterKey } from "@/lib/crypto/keyring";
import { keyMatchesCheck } from "@/lib/crypto/key-check";
import { readKeyCheck } from "./master-key-check";

/**
 * Readiness: the database answers and the configured master key is the one it was written with (start
 * records the check value), so a console that could not decrypt its own data never reports ready.
 */
export async function checkDatabase(): Promise<void> {
  await db.workspace.findFirst({ select: { id: true } });
  const stored = await readKeyCheck();
  if (!stored) throw new Error("No master key check value: the start did not verify the master key.");
  if (!keyMatchesCheck(getMasterKey(), stored)) throw new Error("The configured master key is not this database's.");
}
