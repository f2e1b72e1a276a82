// KV version detection the way Vault's CLI does it: sys/internal/ui/mounts/<engine>/<path> answers for the
// mount holding the path, with options.version "2" for KV v2. Answers are remembered per mount.
import { SecretsError } from "@/lib/secrets/errors";
import { statusOf } from "./classify";
import { vaultEngineNotFound } from "./errors";
import { closestNames } from "@/lib/secrets/closest-names";
import type { VaultCaller } from "./client";

export interface KvMount {
  /** Mount path without slashes, as references name it. */
  engine: string;
  version: 1 | 2;
}

const MOUNT_MEMO_MS = 10 * 60_000;
const KV_TYPES = new Set(["kv", "generic"]);

interface MountInfo {
  path?: string;
  type?: string;
  options?: { version?: string } | null;
}

export const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, "");

/** Encodes each segment: Vault paths may hold characters a URL path cannot carry raw. */
export const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

const versionOf = (info: MountInfo): 1 | 2 => (info.options?.version === "2" ? 2 : 1);

function remember(caller: VaultCaller, mount: KvMount): KvMount {
  caller.session.memo.set(`mount:${mount.engine}`, { value: mount, expiresAt: caller.session.now() + MOUNT_MEMO_MS });
  return mount;
}

export function forgetMount(caller: VaultCaller, engine: string): void {
  caller.session.memo.delete(`mount:${trimSlashes(engine)}`);
}

export async function detectKvMount(caller: VaultCaller, engineRaw: string, path: string): Promise<KvMount> {
  const engine = trimSlashes(engineRaw);
  const memo = caller.session.memo.get(`mount:${engine}`);
  if (memo && memo.expiresAt > caller.session.now()) return memo.value as KvMount;
  let info: MountInfo;
  try {
    const body = (await caller.call(
      (options) => caller.client.read(`sys/internal/ui/mounts/${encodePath(engine)}/${encodePath(path)}`, options),
      (err) => {
        const status = statusOf(err);
        return status === 403 || status === 404 ? vaultEngineNotFound(caller.settings, engine) : undefined;
      },
      `mount lookup of ${engine}/`,
    )) as { data?: MountInfo };
    info = body.data ?? {};
  } catch (err) {
    if (!(err instanceof SecretsError) || err.code !== "vault_engine_not_found") throw err;
    // Name the engines it can see: the usual cause is a typo or a mount path from another environment.
    const visible = await listKvMounts(caller).catch(() => []);
    const names = visible.map((m) => m.engine);
    throw vaultEngineNotFound(caller.settings, engine, { visible: [...closestNames(engine, names), ...names].filter(unique) });
  }
  const mountPath = trimSlashes(info.path ?? "");
  if (!KV_TYPES.has(info.type ?? "")) throw vaultEngineNotFound(caller.settings, engine, { type: info.type ?? "unknown" });
  if (mountPath !== engine) throw vaultEngineNotFound(caller.settings, engine, { actualMount: mountPath });
  return remember(caller, { engine, version: versionOf(info) });
}

const unique = <T>(value: T, index: number, all: T[]) => all.indexOf(value) === index;

/** KV mounts the token can see (sys/internal/ui/mounts lists those its policies reach). */
export async function listKvMounts(caller: VaultCaller): Promise<KvMount[]> {
  const body = (await caller.call(
    (options) => caller.client.read("sys/internal/ui/mounts", options),
    () => undefined,
    "mount listing",
  )) as { data?: { secret?: Record<string, MountInfo> } };
  const mounts: KvMount[] = [];
  for (const [path, info] of Object.entries(body.data?.secret ?? {})) {
    if (KV_TYPES.has(info.type ?? "")) mounts.push(remember(caller, { engine: trimSlashes(path), version: versionOf(info) }));
  }
  return mounts.sort((a, b) => a.engine.localeCompare(b.engine));
}
