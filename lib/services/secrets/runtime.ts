import "server-only";
// The process-wide secrets runtime: one cache, and one provider instance per configuration revision (so SDK
// clients, STS sessions and Vault tokens are reused). Kept on globalThis so Next's dev reloads keep it.
import { loadProviderForUse } from "@/lib/data/provider-configs";
import { SecretsCache, type ConfigHandle } from "@/lib/secrets/cache/secrets-cache";
import { createCheckedProvider } from "./provider-egress";

interface Runtime {
  cache: SecretsCache;
  handles: Map<number, ConfigHandle>;
}

const globalForSecrets = globalThis as unknown as { keyholdSecrets?: Runtime };

export function secretsRuntime(): Runtime {
  globalForSecrets.keyholdSecrets ??= { cache: new SecretsCache(), handles: new Map() };
  return globalForSecrets.keyholdSecrets;
}

/** The provider handle for a configuration at its current revision; rebuilt after any edit. */
export async function providerHandle(configId: number, revision: number): Promise<ConfigHandle> {
  const { handles } = secretsRuntime();
  const cached = handles.get(configId);
  if (cached && cached.revision === revision) return cached;
  const config = await loadProviderForUse(configId);
  const handle: ConfigHandle = { id: config.id, revision: config.revision, workspaceId: config.owner.workspaceId, provider: createCheckedProvider(config) };
  handles.set(configId, handle);
  return handle;
}
