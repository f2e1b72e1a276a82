import "server-only";
// Start refuses a master key that cannot open the database, instead of serving it: a new key over a populated
// database makes every stored literal unreadable, and anything saved under it is lost once the right key comes
// back. One rule for every way in (npm start, start:prod, the server's own boot): a key is generated only for
// an empty database; a missing, malformed or different key for a database that holds encrypted data stops
// the start with a message that names the file and the fix. See docs/threat-model.md.
import { env } from "@/lib/env";
import { computeKeyCheck, keyMatchesCheck, type KeyCheck } from "@/lib/crypto/key-check";
import { unwrapDataKey } from "@/lib/crypto/envelope";
import { ensureMasterKeyFile, inspectMasterKeyFile, parseMasterKey } from "@/lib/crypto/master-key";
import { readKeyCheck, recordFirstKeyCheck, sampleWrappedDataKey } from "@/lib/data/master-key-check";

export class MasterKeyRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MasterKeyRefusal";
  }
}

export interface GuardResult {
  /** True when this start generated the key file (empty database only). */
  created: boolean;
  warnings: string[];
}

/** The database for messages: a file path, or host/database without credentials. */
export function describeDatabase(url: string): string {
  if (url.startsWith("file:")) return url.slice("file:".length);
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "the configured database";
  }
}

const BACKUP_FIX = "Restore the key that wrote this database from your backup";

/** Checks the configured key against the database (migrated first); throws MasterKeyRefusal to stop the start. */
export async function guardMasterKey(options: { create: boolean }): Promise<GuardResult> {
  const database = describeDatabase(env.DATABASE_URL);
  const stored = await readKeyCheck();
  const sample = stored ? null : await sampleWrappedDataKey();
  const empty = !stored && !sample;
  const warnings: string[] = [];
  let created = false;
  let key: Buffer;
  let source: string;
  if (env.MASTER_KEY) {
    key = parseMasterKey(env.MASTER_KEY, "MASTER_KEY");
    source = "MASTER_KEY";
  } else {
    const path = env.MASTER_KEY_FILE;
    source = `master key file ${path}`;
    const file = inspectMasterKeyFile(path);
    if (file.state === "missing") {
      if (!empty) {
        throw new MasterKeyRefusal(
          `Refusing to start: the master key file ${path} is missing, but the database ${database} holds encrypted credentials that only its key can open. ${BACKUP_FIX} to ${path} (or set MASTER_KEY to it). A new key would make every stored credential unreadable.`,
        );
      }
      if (!options.create) {
        throw new MasterKeyRefusal(`Refusing to start: no master key. Set MASTER_KEY, or run "npm start" or "npm run db:migrate" once to create ${path}.`);
      }
      ensureMasterKeyFile(path);
      created = true;
      const made = inspectMasterKeyFile(path);
      if (made.state !== "ok") throw new MasterKeyRefusal(`Could not create the master key file ${path}.`);
      key = made.key;
    } else if (file.state === "malformed") {
      throw new MasterKeyRefusal(
        `Refusing to start: the master key file ${path} is malformed (it must hold the base64 of exactly 32 bytes). ${BACKUP_FIX} to ${path}; do not replace it with a new key.`,
      );
    } else {
      key = file.key;
      if (file.mode & 0o077) {
        warnings.push(`The master key file ${path} is readable by other users (mode ${file.mode.toString(8).padStart(4, "0")}): run "chmod 600 ${path}".`);
      }
    }
  }
  const wrong = (expected: string) =>
    new MasterKeyRefusal(
      `Refusing to start: the key in ${source} (key id ${computeKeyCheck(key).keyId}) is not the master key of the database ${database} (key id ${expected}). ${BACKUP_FIX}, or point ${env.MASTER_KEY ? "MASTER_KEY" : "MASTER_KEY_FILE"} at it.`,
    );
  if (stored) {
    if (!keyMatchesCheck(key, stored)) throw wrong(stored.keyId);
    return { created, warnings };
  }
  if (sample) verifyAgainstSample(key, sample, wrong);
  await recordCheck(key, wrong);
  return { created, warnings };
}

/** A database written before check values existed: the key must open one of its data keys. */
function verifyAgainstSample(key: Buffer, sample: Uint8Array, wrong: (expected: string) => Error): void {
  try {
    unwrapDataKey(sample, key);
  } catch {
    throw wrong(Buffer.from(sample).subarray(1, 9).toString("hex"));
  }
}

async function recordCheck(key: Buffer, wrong: (expected: string) => Error): Promise<void> {
  const check: KeyCheck = computeKeyCheck(key);
  if (await recordFirstKeyCheck(check)) return;
  // Another instance recorded its key at the same moment: both must hold the same one.
  const winner = await readKeyCheck();
  if (!winner || !keyMatchesCheck(key, winner)) throw wrong(winner?.keyId ?? "unknown");
}
