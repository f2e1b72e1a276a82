import "server-only";
// The process-wide secrets runtime: one cache, and one provider instance per configuration revision (so SDK
// clients, STS sessions and Vault tokens are reused). Kept on globalThis so Next's dev reloads keep it.
import { loadProviderForUse } from "@/lib/data/provider-configs";
import { KeyNamesCache } from "@/lib/secrets/cache/key-names-cache";
import { SecretsCache, type ConfigHandle } from "@/lib/secrets/cache/secrets-cache";
import { createCheckedProvider } from "./provider-egress";

interface Runtime {
  cache: SecretsCache;
  handles: Map<number, ConfigHandle>;
  /** The secret browser's key names (names only). */
  keyNames: KeyNamesCache;
}

const globalForSecrets = globalThis as unknown as { keyholdSecrets?: Runtime };

export function secretsRuntime(): Runtime {
  globalForSecrets.keyholdSecrets ??= { cache: new SecretsCache(), handles: new Map(), keyNames: new KeyNamesCache() };
  // A runtime created before key names existed (a dev reload) gets them now.
  globalForSecrets.keyholdSecrets.keyNames ??= new KeyNamesCache();
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
