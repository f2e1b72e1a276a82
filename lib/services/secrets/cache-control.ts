import "server-only";
// Every cache invalidation goes through here: applied in this process at once, then announced to the other
// console instances (lib/data/cache-bus.ts), which apply the same change within a second.
import { listenForCacheMessages, publishCacheMessage, type CacheMessage } from "@/lib/data/cache-bus";
import { secretsRuntime } from "./runtime";

/** An entry hit within this window is "in active use": a rotation re-fetches it in the background. */
const ROTATION_ACTIVE_MS = 10 * 60_000;

/** Applies a message to this process's cache; workspaceId -1 clears everything (after a lost connection). */
export function applyCacheMessage(message: CacheMessage): number {
  const runtime = secretsRuntime();
  switch (message.type) {
    case "clear_workspace":
      runtime.keyNames.clearWorkspace(message.workspaceId);
      return message.workspaceId === -1 ? runtime.cache.clearAll() : runtime.cache.clearWorkspace(message.workspaceId);
    case "drop_config":
      runtime.handles.delete(message.configId);
      runtime.keyNames.dropConfig(message.configId);
      return runtime.cache.dropConfig(message.configId);
    case "drop_secrets": {
      if (!message.refetch) return runtime.cache.dropSecrets(message.configId, message.keys);
      const handle = runtime.handles.get(message.configId);
      const { dropped, refetched } = runtime.cache.dropAndRefetch(message.configId, handle, message.keys, ROTATION_ACTIVE_MS);
      refetched.catch(() => undefined); // a failed re-fetch is the next use's miss, reported there
      return dropped;
    }
  }
}

export function startCacheListener(): Promise<void> {
  return listenForCacheMessages((message) => void applyCacheMessage(message));
}

async function applyAndPublish(message: CacheMessage): Promise<number> {
  const dropped = applyCacheMessage(message);
  await startCacheListener();
  await publishCacheMessage(message);
  return dropped;
}

export function clearWorkspaceCache(workspaceId: number): Promise<number> {
  return applyAndPublish({ type: "clear_workspace", workspaceId });
}

export function dropSecretsOf(configId: number, keys: readonly string[]): Promise<number> {
  return applyAndPublish({ type: "drop_secrets", configId, keys: [...keys] });
}

/** A rotation the poll saw: drop those versions everywhere; instances re-fetch the ones in active use. */
export function dropRotatedSecrets(configId: number, keys: readonly string[]): Promise<number> {
  return applyAndPublish({ type: "drop_secrets", configId, keys: [...keys], refetch: true });
}

/** A configuration changed (edit, replace): its cached values and provider instance go, everywhere. */
export function forgetConfig(configId: number): Promise<number> {
  return applyAndPublish({ type: "drop_config", configId });
}
