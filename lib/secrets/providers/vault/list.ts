// The secret browser and the "Test" button: names from the KV mounts the AppRole can see (kv-walk.ts), paged
// here. Key names (includeKeys) cost one read per secret; a secret that is not readable keeps its name.
import { invalidPageToken } from "@/lib/secrets/http-status";
import { mapLimit } from "@/lib/secrets/map-limit";
import { runProviderTest } from "@/lib/secrets/provider-test-steps";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { ListSecretsOptions, ListSecretsPage, ProviderTestOptions, ProviderTestResult, SecretListing, SecretRef } from "@/lib/secrets/types";
import type { VaultCaller } from "./client";
import { VAULT } from "./errors";
import { fetchVaultSecrets } from "./fetch";
import { readKvSecret } from "./kv-read";
import { walkKvSecrets } from "./kv-walk";

export async function listVaultSecrets(caller: VaultCaller, options: ListSecretsOptions = {}): Promise<ListSecretsPage> {
  // Our own tokens are offsets; anything else was not issued by this listing (a 400, not an outage).
  if (options.pageToken !== undefined && !/^\d{1,9}$/.test(options.pageToken)) throw invalidPageToken(VAULT);
  const all = await walkKvSecrets(caller, options.prefix ?? "", caller.limits);
  const size = Math.min(100, Math.max(1, options.pageSize ?? 50));
  const offset = Number(options.pageToken ?? "0");
  const items = all.slice(offset, offset + size);
  if (options.includeKeys) await addKeys(caller, items);
  return { items, nextPageToken: offset + size < all.length ? String(offset + size) : undefined };
}

export function testVaultProvider(caller: VaultCaller, options: ProviderTestOptions = {}): Promise<ProviderTestResult> {
  const { settings } = caller;
  const where = (ref: SecretRef) => (ref.kind === "vault" ? `${ref.engine}/${ref.path}` : secretVersionKey(ref));
  return runProviderTest(
    {
      provider: VAULT,
      auth: {
        label: "Log in with AppRole",
        needs: `a valid role ID and secret ID at auth/${settings.approleMount}`,
        run: async () => {
          await caller.run(() => caller.session.ensureToken(caller.policy.attemptTimeoutMs));
          const policies = (caller.session.identity().policies ?? []).join(", ");
          const role = caller.session.roleName();
          return (
            `AppRole ${role ? `"${role}" ` : ""}at auth/${settings.approleMount}` +
            `${settings.namespace ? ` in namespace ${settings.namespace}` : ""}${policies ? ` (policies: ${policies})` : ""}`
          );
        },
      },
      list: {
        label: "List secrets",
        needs: "the list capability on the KV mounts (<mount>/metadata/* for KV v2, <mount>/* for KV v1)",
        run: async () => (await walkKvSecrets(caller, "", caller.limits)).map((i) => i.id),
      },
      read: {
        name: where,
        needs: (ref) =>
          ref.kind === "vault" ? `the read capability on ${ref.engine}/data/${ref.path} (KV v2) or ${ref.engine}/${ref.path} (KV v1)` : "the read capability",
        fetch: (refs) => fetchVaultSecrets(caller, refs),
      },
    },
    options.reads,
  );
}

async function addKeys(caller: VaultCaller, items: SecretListing[]): Promise<void> {
  await mapLimit(items, caller.concurrency, async (item) => {
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
