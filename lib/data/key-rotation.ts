import "server-only";
// Master-key rotation: every wrapped data key is unwrapped with the old master key and wrapped with the new
// one, and the key check value replaced, in a single transaction, so the database never holds a mix and start
// accepts exactly the new key once it commits. Operator-only: called by the CLI, never by
// a request.
import { db } from "@/lib/db";
import { unwrapDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { computeKeyCheck, keyMatchesCheck } from "@/lib/crypto/key-check";
import { readKeyCheck, saveKeyCheck } from "./master-key-check";

export async function rewrapAllDataKeys(
  oldKey: Buffer,
  newKey: Buffer,
  onProgress?: (done: number, total: number) => void,
): Promise<{ connections: number; providerConfigs: number; workflowSecrets: number }> {
  return db.$transaction(
    async (tx) => {
      const stored = await readKeyCheck(tx);
      if (stored && !keyMatchesCheck(oldKey, stored)) {
        throw new Error(`The current master key is not this database's (its key id is ${stored.keyId}): restore the right key before rotating.`);
      }
      const connections = await tx.connection.findMany({ select: { id: true, wrappedDataKey: true } });
      const configs = await tx.secretsProviderConfig.findMany({ where: { wrappedDataKey: { not: null } }, select: { id: true, wrappedDataKey: true } });
      // Workflow secrets stored as encrypted literals (docs/workflows.md) carry their own data key.
      const workflowSecrets = await tx.workflowSecret.findMany({ where: { wrappedDataKey: { not: null } }, select: { id: true, wrappedDataKey: true } });
      const total = connections.length + configs.length + workflowSecrets.length;
      let done = 0;
      const step = () => onProgress?.(++done, total);
      for (const c of connections) {
        await tx.connection.update({ where: { id: c.id }, data: { wrappedDataKey: wrapDataKey(unwrapDataKey(c.wrappedDataKey, oldKey), newKey) } });
        step();
      }
      for (const c of configs) {
        await tx.secretsProviderConfig.update({ where: { id: c.id }, data: { wrappedDataKey: wrapDataKey(unwrapDataKey(c.wrappedDataKey!, oldKey), newKey) } });
        step();
      }
      for (const w of workflowSecrets) {
        await tx.workflowSecret.update({ where: { id: w.id }, data: { wrappedDataKey: wrapDataKey(unwrapDataKey(w.wrappedDataKey!, oldKey), newKey) } });
        step();
      }
      await saveKeyCheck(computeKeyCheck(newKey), tx);
      return { connections: connections.length, providerConfigs: configs.length, workflowSecrets: workflowSecrets.length };
    },
    { timeout: 120_000 },
  );
}
