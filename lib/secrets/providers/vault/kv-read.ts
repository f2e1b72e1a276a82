// Reads one KV secret (v1 `<engine>/<path>` → .data, v2 `<engine>/data/<path>` → .data.data) and lists one
// folder, turning Vault's answers into the errors docs/errors.md asks for: the missing capability with its exact
// policy path, or "not found" with the closest names in the parent folder.
import { type SecretsError, unavailable } from "@/lib/secrets/errors";
import { closestNames } from "@/lib/secrets/closest-names";
import { statusOf, vaultMessageOf, vaultWarningsOf } from "./classify";
import { VAULT, vaultEngineNotFound, vaultPermissionDenied, vaultSecretDeleted, vaultSecretNotFound, type DeletedVersion } from "./errors";
import { detectKvMount, encodePath, forgetMount, type KvMount } from "./kv-mounts";
import type { VaultCaller } from "./client";

export interface KvSecret {
  data: Record<string, unknown>;
  /** KV v2: when the current version was written. */
  updatedAt?: string;
}

const NOT_FOUND = Symbol("not found");

/** The API path a capability is checked on: what a policy must name. */
export function readPath(mount: KvMount, path: string): string {
  return mount.version === 2 ? `${mount.engine}/data/${path}` : `${mount.engine}/${path}`;
}

export function listPath(mount: KvMount, folder: string): string {
  const base = mount.version === 2 ? `${mount.engine}/metadata/` : `${mount.engine}/`;
  return `${base}${folder}`;
}

function failureClassifier(caller: VaultCaller, mount: KvMount, capability: "read" | "list", policyPath: string) {
  return (err: unknown): SecretsError | undefined => {
    const status = statusOf(err);
    if (status === 403) {
      const grant = capability === "list" ? `${listPath(mount, "")}*` : policyPath;
      return vaultPermissionDenied(caller.session.identity(), capability, policyPath, grant);
    }
    if (status === 404 && vaultMessageOf(err).startsWith("no handler for route")) {
      forgetMount(caller, mount.engine);
      return vaultEngineNotFound(caller.settings, mount.engine);
    }
    if (status === 404 && vaultWarningsOf(err).some((w) => w.includes("versioned K/V"))) {
      // The mount was upgraded to KV v2 since it was detected: detect again on the next attempt.
      forgetMount(caller, mount.engine);
      return unavailable(VAULT, `the KV version of ${mount.engine} changed`);
    }
    return undefined;
  };
}

function call<T>(caller: VaultCaller, mount: KvMount, capability: "read" | "list", apiPath: string, fn: (o: object) => Promise<T>) {
  return caller.call(fn, failureClassifier(caller, mount, capability, apiPath), `${capability} ${apiPath}`);
}

export async function readKvSecret(caller: VaultCaller, engine: string, path: string): Promise<KvSecret> {
  const mount = await detectKvMount(caller, engine, path);
  const apiPath = readPath(mount, path);
  const body = await call(caller, mount, "read", apiPath, (o) =>
    caller.client.read(encodePath(apiPath), o).catch((err: unknown) => {
      const gone = mount.version === 2 ? deletedVersionOf(err) : undefined;
      if (gone) throw vaultSecretDeleted(caller.settings, mount.engine, path, gone);
      if (statusOf(err) === 404 && !vaultMessageOf(err) && !vaultWarningsOf(err).length) return NOT_FOUND;
      throw err;
    }),
  );
  const envelope = body === NOT_FOUND ? undefined : (body as { data?: Record<string, unknown> }).data;
  const data = mount.version === 2 ? (envelope?.data as Record<string, unknown> | null | undefined) : envelope;
  if (!data || typeof data !== "object") {
    throw vaultSecretNotFound(caller.settings, mount.engine, path, await suggestionsFor(caller, mount, path));
  }
  const metadata = mount.version === 2 ? (envelope?.metadata as { created_time?: string } | undefined) : undefined;
  return { data, updatedAt: metadata?.created_time || undefined };
}

/** A KV v2 404 that still carries the version's metadata: the latest version was deleted or destroyed. */
function deletedVersionOf(err: unknown): DeletedVersion | undefined {
  if (statusOf(err) !== 404) return undefined;
  const body = (err as { response?: { body?: unknown } }).response?.body as { data?: { metadata?: Record<string, unknown> } } | undefined;
  const metadata = typeof body === "object" && body !== null ? body.data?.metadata : undefined;
  if (!metadata || typeof metadata.version !== "number") return undefined;
  const deletionTime = typeof metadata.deletion_time === "string" ? metadata.deletion_time : "";
  const destroyed = metadata.destroyed === true;
  return deletionTime || destroyed ? { version: metadata.version, deletionTime, destroyed } : undefined;
}

/** Keys of one folder ("" = the mount's root); folders end with "/". Empty when the folder does not exist. */
export async function listKvFolder(caller: VaultCaller, mount: KvMount, folder: string): Promise<string[]> {
  const apiPath = listPath(mount, folder);
  const body = await call(caller, mount, "list", apiPath, (o) =>
    caller.client.list(encodePath(apiPath), o).catch((err: unknown) => {
      if (statusOf(err) === 404 && !vaultMessageOf(err)) return NOT_FOUND;
      throw err;
    }),
  );
  if (body === NOT_FOUND) return [];
  const keys = (body as { data?: { keys?: unknown } }).data?.keys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
}

/** Closest paths from the parent folder, then the mount's root; nothing when listing is not permitted. */
async function suggestionsFor(caller: VaultCaller, mount: KvMount, path: string): Promise<string[]> {
  const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  const candidates: string[] = [];
  for (const folder of parent ? [parent, ""] : [""]) {
    try {
      const keys = await listKvFolder(caller, mount, folder);
      candidates.push(...keys.map((k) => `${folder}${k}`));
      if (keys.length) break;
    } catch {
      return [];
    }
  }
  return closestNames(path, candidates);
}
