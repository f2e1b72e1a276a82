// Metadata for Vault: KV v2 `<engine>/metadata/<path>` (current_version, the current version's deletion_time
// and destroyed, updated_time), one read per secret in use, never `data/`. The metadata path has its own
// policy: a 403 there names the path to grant. KV v1 keeps no versions, so its secrets are reported as
// untracked: rotation there needs Refresh or the cache TTL (docs/rotation.md).
import { providerError, SecretsError } from "@/lib/secrets/errors";
import { mapLimit } from "@/lib/secrets/map-limit";
import { callCounter, isoOf, type MetadataOutcome, type MetadataReport, type SecretMetadata } from "@/lib/secrets/metadata";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretRef } from "@/lib/secrets/types";
import { statusOf, vaultMessageOf } from "./classify";
import type { VaultCaller } from "./client";
import { VAULT, vaultPermissionDenied } from "./errors";
import { detectKvMount, encodePath } from "./kv-mounts";

type VaultRef = Extract<SecretRef, { kind: "vault" }>;
const MISSING = Symbol("missing");

interface KvMetadataBody {
  current_version?: number;
  updated_time?: string;
  versions?: Record<string, { created_time?: string; deletion_time?: string; destroyed?: boolean }>;
}

export async function readVaultMetadata(caller: VaultCaller, refs: readonly SecretRef[]): Promise<MetadataReport> {
  const { calls, count } = callCounter();
  const results = new Map<string, MetadataOutcome>();
  const distinct = new Map<string, VaultRef>();
  for (const ref of refs) if (ref.kind === "vault") distinct.set(secretVersionKey(ref), ref);
  await mapLimit([...distinct], caller.concurrency, async ([key, ref]) => {
    try {
      results.set(key, { ok: true, metadata: await caller.run(() => readOne(caller, ref, count)) });
    } catch (err) {
      const error = err instanceof SecretsError ? err : providerError(VAULT, err instanceof Error ? err.name : "error");
      results.set(key, { ok: false, error: error.forReference(`${ref.engine}:${ref.path}`) });
    }
  });
  return { results, strategy: "describe", calls };
}

async function readOne(caller: VaultCaller, ref: VaultRef, count: (op: string) => void): Promise<SecretMetadata> {
  const mount = await detectKvMount(caller, ref.engine, ref.path);
  if (mount.version !== 2) return { exists: true, untracked: "kv_v1" };
  const apiPath = `${mount.engine}/metadata/${ref.path}`;
  const body = await caller.call(
    (o) => {
      count("readMetadata");
      return caller.client.read(encodePath(apiPath), o).catch((err: unknown) => {
        if (statusOf(err) === 404 && !vaultMessageOf(err)) return MISSING;
        throw err;
      });
    },
    (err) => (statusOf(err) === 403 ? vaultPermissionDenied(caller.session.identity(), "read", apiPath) : undefined),
    `read ${apiPath}`,
  );
  if (body === MISSING) return { exists: false };
  return kvMetadataOf((body as { data?: KvMetadataBody }).data ?? {});
}

export function kvMetadataOf(data: KvMetadataBody): SecretMetadata {
  const current = data.current_version;
  const version = current !== undefined ? data.versions?.[String(current)] : undefined;
  const deletionAt = isoOf(version?.deletion_time);
  return {
    exists: current !== undefined && current > 0,
    ...(current !== undefined ? { version: String(current) } : {}),
    ...(version?.destroyed || deletionAt ? { destroyed: true } : {}),
    ...(deletionAt ? { deletionAt } : {}),
    ...(isoOf(data.updated_time) ? { lastChangedAt: isoOf(data.updated_time) } : {}),
  };
}
