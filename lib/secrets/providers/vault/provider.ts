// HashiCorp Vault through node-vault: AppRole login, KV v1/v2 (detected per mount like Vault's CLI), names
// from the KV mounts the AppRole can see. Every call runs under withRetries with node-vault's socket timeout
// (node-vault itself never retries).
import { providerError, SecretsError } from "@/lib/secrets/errors";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type {
  FetchOutcome,
  ListSecretsOptions,
  ListSecretsPage,
  ProviderTestResult,
  SecretListing,
  SecretRef,
  SecretsProvider,
} from "@/lib/secrets/types";
import { VAULT } from "./errors";
import { detectKvMount } from "./kv-mounts";
import { readKvSecret } from "./kv-read";
import { DEFAULT_WALK_LIMITS, walkKvSecrets, type WalkLimits } from "./kv-walk";
import { vaultCallerFor, type VaultConfig, type VaultSessionOptions } from "./session";

export interface VaultProviderDeps extends VaultSessionOptions {
  walkLimits?: Partial<WalkLimits>;
  /** Secrets fetched at once by fetchSecrets. */
  concurrency?: number;
}

type VaultRef = Extract<SecretRef, { kind: "vault" }>;

export function createVaultProvider(config: VaultConfig, deps: VaultProviderDeps = {}): SecretsProvider {
  const caller = vaultCallerFor(config, deps);
  const limits = { ...DEFAULT_WALK_LIMITS, ...deps.walkLimits };
  const concurrency = Math.max(1, deps.concurrency ?? 8);

  async function fetchOne(ref: VaultRef): Promise<FetchOutcome> {
    try {
      const secret = await caller.run(() => readKvSecret(caller, ref.engine, ref.path));
      return { ok: true, payload: { text: JSON.stringify(secret.data) } };
    } catch (err) {
      return { ok: false, error: toSecretsError(err).forReference(`${ref.engine}:${ref.path}`) };
    }
  }

  async function addKeys(items: SecretListing[]): Promise<void> {
    await mapLimited(items, concurrency, async (item) => {
      const colon = item.id.indexOf(":");
      try {
        const secret = await caller.run(() => readKvSecret(caller, item.id.slice(0, colon), item.id.slice(colon + 1)));
        item.keys = Object.keys(secret.data);
        if (secret.updatedAt) item.updatedAt = secret.updatedAt;
      } catch {
        // Names stay listable when one secret is not readable; its keys are simply unknown.
      }
    });
  }

  return {
    kind: "vault",

    async test(): Promise<ProviderTestResult> {
      const items = await walkKvSecrets(caller, "", limits);
      const { settings } = caller;
      const identity = caller.session.identity();
      const policies = (identity.policies ?? []).join(", ");
      const role = caller.session.roleName();
      return {
        secretCount: items.length,
        sampleNames: items.slice(0, 5).map((i) => i.id),
        identity:
          `AppRole ${role ? `"${role}" ` : ""}at auth/${settings.approleMount}` +
          `${settings.namespace ? ` in namespace ${settings.namespace}` : ""}${policies ? ` (policies: ${policies})` : ""}`,
      };
    },

    async listSecrets(options: ListSecretsOptions = {}): Promise<ListSecretsPage> {
      const all = await walkKvSecrets(caller, options.prefix ?? "", limits);
      const size = Math.min(100, Math.max(1, options.pageSize ?? 50));
      const offset = Math.max(0, Number.parseInt(options.pageToken ?? "0", 10) || 0);
      const items = all.slice(offset, offset + size);
      if (options.includeKeys) await addKeys(items);
      return { items, nextPageToken: offset + size < all.length ? String(offset + size) : undefined };
    },

    async fetchSecrets(refs: readonly SecretRef[]): Promise<Map<string, FetchOutcome>> {
      const distinct = new Map<string, VaultRef>();
      const results = new Map<string, FetchOutcome>();
      for (const ref of refs) {
        if (ref.kind === "vault") distinct.set(secretVersionKey(ref), ref);
        else results.set(secretVersionKey(ref), { ok: false, error: notVaultReference(ref.kind) });
      }
      // Detect each engine's KV version once before the reads fan out; a failure there (login, engine path)
      // is the answer for every secret in that engine.
      const engineFailures = new Map<string, SecretsError>();
      const byEngine = new Map<string, VaultRef>();
      for (const ref of distinct.values()) if (!byEngine.has(ref.engine)) byEngine.set(ref.engine, ref);
      await mapLimited([...byEngine.values()], concurrency, async (ref) => {
        const outcome = await caller.run(() => detectKvMount(caller, ref.engine, ref.path)).catch(toSecretsError);
        if (outcome instanceof SecretsError) engineFailures.set(ref.engine, outcome);
      });
      await mapLimited([...distinct], concurrency, async ([key, ref]) => {
        const failure = engineFailures.get(ref.engine);
        results.set(key, failure ? { ok: false, error: failure.forReference(`${ref.engine}:${ref.path}`) } : await fetchOne(ref));
      });
      return results;
    },
  };
}

function notVaultReference(kind: string): SecretsError {
  return new SecretsError({
    code: "invalid_reference",
    category: "configuration",
    message: `A ${kind} reference cannot be resolved by the HashiCorp Vault configuration.`,
    fix: "Re-point the reference to the active secrets configuration.",
  });
}

function toSecretsError(err: unknown): SecretsError {
  return err instanceof SecretsError ? err : providerError(VAULT, err instanceof Error ? err.name : "error");
}

async function mapLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
