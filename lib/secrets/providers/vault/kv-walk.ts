// Secret names for the browser: every KV mount the AppRole can see, walked folder by folder (LIST on
// <engine>/metadata/<folder> for v2, <engine>/<folder> for v1), bounded in depth, calls and items.
import { SecretsError } from "@/lib/secrets/errors";
import type { SecretListing } from "@/lib/secrets/types";
import { listKvMounts, type KvMount } from "./kv-mounts";
import { listKvFolder } from "./kv-read";
import type { VaultCaller } from "./client";

export interface WalkLimits {
  /** Folder levels below the mount (or below the prefix's folder). */
  maxDepth: number;
  maxItems: number;
  maxListCalls: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 6, maxItems: 1_000, maxListCalls: 200 };

const PARALLEL_LISTS = 4;

interface Scope {
  mounts: KvMount[];
  pathPrefix: string;
  /** The prefix named one engine ("<engine>:<path prefix>"): its denial is the answer, not a skipped mount. */
  targeted: boolean;
}

function scopeOf(prefix: string, mounts: KvMount[]): Scope {
  const colon = prefix.indexOf(":");
  const engine = colon > 0 ? prefix.slice(0, colon) : undefined;
  const mount = mounts.find((m) => m.engine === engine);
  if (mount) return { mounts: [mount], pathPrefix: prefix.slice(colon + 1), targeted: true };
  return { mounts, pathPrefix: prefix, targeted: false };
}

export async function walkKvSecrets(caller: VaultCaller, prefix = "", limits = DEFAULT_WALK_LIMITS): Promise<SecretListing[]> {
  const visible = await caller.run(() => listKvMounts(caller));
  const scope = scopeOf(prefix, visible);
  const items: SecretListing[] = [];
  const denials: SecretsError[] = [];
  let calls = 0;

  for (const mount of scope.mounts) {
    const start = scope.pathPrefix.slice(0, scope.pathPrefix.lastIndexOf("/") + 1);
    let level = [start];
    for (let depth = 0; level.length && depth <= limits.maxDepth; depth++) {
      const next: string[] = [];
      for (let i = 0; i < level.length && items.length < limits.maxItems; i += PARALLEL_LISTS) {
        const batch = level.slice(i, i + Math.min(PARALLEL_LISTS, Math.max(0, limits.maxListCalls - calls)));
        calls += batch.length;
        const listed = await Promise.all(batch.map((folder) => listOne(caller, mount, folder, denials)));
        batch.forEach((folder, j) => {
          for (const key of listed[j] ?? []) {
            const full = `${folder}${key}`;
            if (key.endsWith("/")) {
              if (full.startsWith(scope.pathPrefix) || scope.pathPrefix.startsWith(full)) next.push(full);
            } else if (full.startsWith(scope.pathPrefix) && items.length < limits.maxItems) {
              items.push({ name: full, id: `${mount.engine}:${full}` });
            }
          }
        });
      }
      level = next;
    }
  }
  // A partial view is still useful (one mount may be off-limits); no view at all is the admin's problem.
  const first = denials[0];
  if (first && (items.length === 0 || scope.targeted)) throw first;
  return items.sort((a, b) => a.id.localeCompare(b.id));
}

async function listOne(caller: VaultCaller, mount: KvMount, folder: string, denials: SecretsError[]): Promise<string[]> {
  try {
    return await caller.run(() => listKvFolder(caller, mount, folder));
  } catch (err) {
    if (err instanceof SecretsError && err.code === "vault_permission_denied") {
      denials.push(err);
      return [];
    }
    throw err;
  }
}
