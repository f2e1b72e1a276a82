import "server-only";
// Cache invalidations that must reach every console instance. Today: this process; the multi-instance
// broadcast (PostgreSQL LISTEN/NOTIFY) hooks in here.
import { secretsRuntime } from "./runtime";

export async function clearWorkspaceCache(workspaceId: number): Promise<number> {
  return secretsRuntime().cache.clearWorkspace(workspaceId);
}

export async function dropSecretsOf(configId: number, versionKeys: readonly string[]): Promise<number> {
  return secretsRuntime().cache.dropSecrets(configId, versionKeys);
}
