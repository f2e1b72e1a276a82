import "server-only";
// The key names of one secret, for a row the user expanded in the secret browser (docs/cache.md): one read,
// only for a secret inside the reference policy, the value parsed for its key names and dropped at once,
// the names cached for the workspace's TTL. A page view itself reads no value at all.
import { loadPolicyForUse } from "@/lib/data/reference-policy-check";
import { loadCachePolicy } from "@/lib/data/workspace-settings";
import { isInsidePolicy } from "@/lib/secrets/reference-policy";
import { jsonKeyNames } from "@/lib/secrets/cache/key-names-cache";
import { providerError } from "@/lib/secrets/errors";
import { refForIdentity, secretVersionKey } from "@/lib/secrets/secret-key";
import { PROVIDER_LABELS, type ProviderKind, type SecretRef } from "@/lib/secrets/types";
import { AppError } from "@/lib/errors";
import type { SecretKeysView } from "@/lib/views/secrets";
import { referencesFor } from "./browse";
import { providerHandle, secretsRuntime } from "./runtime";

/** Whether the configuration's reference policy names this secret (docs/threat-model.md, threat 2). */
export type PolicyCheck = (ref: SecretRef) => boolean | Promise<boolean>;

async function insideConfigPolicy(configId: number, kind: ProviderKind, secretId: string): Promise<boolean> {
  return isInsidePolicy((await loadPolicyForUse(configId)).entries, kind, secretId);
}

export async function secretKeyNames(
  config: { id: number; kind: string; revision: number; workspaceId: number },
  secretId: string,
  policy: PolicyCheck = () => insideConfigPolicy(config.id, config.kind as ProviderKind, secretId),
): Promise<SecretKeysView> {
  const { keyNames } = secretsRuntime();
  const cached = keyNames.get(config.id, config.revision, secretId);
  if (cached !== undefined) return view(config.kind as ProviderKind, secretId, cached, true);
  const ref = refForIdentity(config.kind as ProviderKind, secretId);
  if (!(await policy(ref))) throw new AppError("FORBIDDEN", "This secret is outside the reference policy, so Keyhold does not read it.");
  const handle = await providerHandle(config.id, config.revision);
  const outcome = (await handle.provider.fetchSecrets([ref])).get(secretVersionKey(ref));
  if (!outcome?.ok) throw outcome?.error ?? providerError(PROVIDER_LABELS[ref.kind], "no result for the secret");
  const keys = "text" in outcome.payload ? jsonKeyNames(outcome.payload.text) : null;
  keyNames.set(
    { configId: config.id, revision: config.revision, workspaceId: config.workspaceId },
    secretId,
    keys,
    (await loadCachePolicy(config.workspaceId)).ttlMs,
  );
  return view(config.kind as ProviderKind, secretId, keys, false);
}

function view(kind: ProviderKind, id: string, keys: string[] | null, cached: boolean): SecretKeysView {
  // The row already offers the whole secret by name; an expanded row adds one reference per key.
  return { id, keys, cached, references: keys?.length ? referencesFor(kind, { id, name: id, keys }).filter((r) => r.key !== null) : [] };
}
