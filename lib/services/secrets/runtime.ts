import "server-only";
// The process-wide secrets runtime: one cache, and one provider instance per configuration revision (so SDK
// clients, STS sessions and Vault tokens are reused). Kept on globalThis so Next's dev reloads keep it.
import { loadProviderForUse } from "@/lib/data/provider-configs";
import { KeyNamesCache } from "@/lib/secrets/cache/key-names-cache";
import { SecretsCache, type CachedOutcome, type CachePolicy, type ConfigHandle, type GetOptions } from "@/lib/secrets/cache/secrets-cache";
import type { SecretRef } from "@/lib/secrets/types";
import { setCacheEntriesSource } from "@/lib/metrics/registry";
import { withCallMetrics } from "@/lib/services/metrics/provider-calls";
import { countResolutions } from "@/lib/services/metrics/resolutions";
import { createCheckedProvider } from "./provider-egress";

interface Runtime {
  cache: SecretsCache;
  handles: Map<number, ConfigHandle>;
  /** The secret browser's key names (names only). */
  keyNames: KeyNamesCache;
}

const globalForSecrets = globalThis as unknown as { keyholdSecrets?: Runtime };

export function secretsRuntime(): Runtime {
  if (!globalForSecrets.keyholdSecrets) {
    const cache = new SecretsCache();
    globalForSecrets.keyholdSecrets = { cache, handles: new Map(), keyNames: new KeyNamesCache() };
    setCacheEntriesSource(() => cache.stats().entries);
  }
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
  const handle: ConfigHandle = {
    id: config.id,
    revision: config.revision,
    workspaceId: config.owner.workspaceId,
    provider: withCallMetrics(createCheckedProvider(config), config.owner.workspaceId),
  };
  handles.set(configId, handle);
  return handle;
}

/** Every use resolves through here: the cache's answers, counted by outcome for the metrics. */
export async function resolveThroughCache(
  handle: ConfigHandle,
  refs: readonly SecretRef[],
  policy: CachePolicy,
  options: GetOptions = {},
): Promise<Map<string, CachedOutcome>> {
  const outcomes = await secretsRuntime().cache.getMany(handle, refs, policy, options);
  countResolutions(handle.workspaceId, outcomes);
  return outcomes;
}
