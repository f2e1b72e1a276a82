// The secret browser and the "Test" button: names from the KV mounts the AppRole can see (kv-walk.ts), paged
// here. Key names (includeKeys) cost one read per secret; a secret that is not readable keeps its name.
import { invalidPageToken } from "@/lib/secrets/http-status";
import { mapLimit } from "@/lib/secrets/map-limit";
import type { ListSecretsOptions, ListSecretsPage, ProviderTestResult, SecretListing } from "@/lib/secrets/types";
import type { VaultCaller } from "./client";
import { VAULT } from "./errors";
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

export async function testVaultProvider(caller: VaultCaller): Promise<ProviderTestResult> {
  const items = await walkKvSecrets(caller, "", caller.limits);
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
