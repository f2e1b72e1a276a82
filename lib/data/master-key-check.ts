import "server-only";
// The stored check value of the master key (one row), and what start judges a key by when there is none yet:
// one wrapped data key, if the database holds anything encrypted (a database written before check values).
import { db, type Prisma } from "@/lib/db";
import type { KeyCheck } from "@/lib/crypto/key-check";

const CHECK_ROW_ID = 1;

export async function readKeyCheck(tx: Prisma.TransactionClient = db): Promise<KeyCheck | null> {
  return tx.masterKeyCheck.findUnique({ where: { id: CHECK_ROW_ID }, select: { keyId: true, checkValue: true } });
}

/** Writes the check value; inside a transaction (key rotation) pass its client so both commit together. */
export async function saveKeyCheck(check: KeyCheck, tx: Prisma.TransactionClient = db): Promise<void> {
  await tx.masterKeyCheck.upsert({ where: { id: CHECK_ROW_ID }, create: { id: CHECK_ROW_ID, ...check }, update: check });
}

/** Records the first key's check value; false when another process recorded one first. */
export async function recordFirstKeyCheck(check: KeyCheck): Promise<boolean> {
  try {
    await db.masterKeyCheck.create({ data: { id: CHECK_ROW_ID, ...check } });
    return true;
  } catch (err) {
    // The row exists (another instance started at the same moment): the caller compares against it.
    if ((err as { code?: string }).code === "P2002") return false;
    throw err;
  }
}

/** A wrapped data key from the database, or null when nothing encrypted is stored. */
export async function sampleWrappedDataKey(): Promise<Uint8Array | null> {
  const connection = await db.connection.findFirst({ select: { wrappedDataKey: true } });
  if (connection) return connection.wrappedDataKey;
  const config = await db.secretsProviderConfig.findFirst({ where: { wrappedDataKey: { not: null } }, select: { wrappedDataKey: true } });
  return config?.wrappedDataKey ?? null;
}
