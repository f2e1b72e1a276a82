import "server-only";
// Master-key rotation: every wrapped data key is unwrapped with the old master key and wrapped with the new
// one, in a single transaction, so the database never holds a mix. Operator-only: called by the CLI, never by
// a request.
import { db } from "@/lib/db";
import { unwrapDataKey, wrapDataKey } from "@/lib/crypto/envelope";

export async function rewrapAllDataKeys(oldKey: Buffer, newKey: Buffer): Promise<{ connections: number; providerConfigs: number }> {
  return db.$transaction(
    async (tx) => {
      const connections = await tx.connection.findMany({ select: { id: true, wrappedDataKey: true } });
      for (const c of connections) {
        await tx.connection.update({ where: { id: c.id }, data: { wrappedDataKey: wrapDataKey(unwrapDataKey(c.wrappedDataKey, oldKey), newKey) } });
      }
      const configs = await tx.secretsProviderConfig.findMany({ where: { wrappedDataKey: { not: null } }, select: { id: true, wrappedDataKey: true } });
      for (const c of configs) {
        await tx.secretsProviderConfig.update({ where: { id: c.id }, data: { wrappedDataKey: wrapDataKey(unwrapDataKey(c.wrappedDataKey!, oldKey), newKey) } });
      }
      return { connections: connections.length, providerConfigs: configs.length };
    },
    { timeout: 120_000 },
  );
}
