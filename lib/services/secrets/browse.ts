import "server-only";
// The secret browser: names from a provider, the exact reference to insert for each, and which connections
// already use each secret. A page costs listing calls only: no value is read to show a page (key names come
// when a row is expanded: ./secret-keys.ts). Never a value.
import type { ProjectActor, WorkspaceActor } from "@/lib/auth/actor";
import { usersOfSecrets } from "@/lib/data/secret-usage";
import { formatReference } from "@/lib/secrets/references";
import { refForIdentity } from "@/lib/secrets/secret-key";
import { loadPolicyForUse } from "@/lib/data/reference-policy-check";
import { isInsidePolicy } from "@/lib/secrets/reference-policy";
import { providerHandle } from "./runtime";
import type { ProviderKind, SecretListing, SecretRef } from "@/lib/secrets/types";
import type { BrowsePage } from "@/lib/views/secrets";

export function referencesFor(kind: ProviderKind, item: SecretListing): Array<{ key: string | null; reference: string }> {
  const whole = refForIdentity(kind, item.id);
  const refs: Array<[string | null, SecretRef]> = [];
  switch (whole.kind) {
    case "aws":
      // The whole secret by its name (any payload: plain, JSON or binary text), then each JSON key (docs/formats.md).
      // A JSON key named like the secret would win over the whole secret, so that form is then not offered.
      if (!item.keys?.includes(item.name)) refs.push([null, { ...whole, key: item.name }]);
      for (const key of item.keys ?? []) refs.push([key, { ...whole, key }]);
      break;
    case "vault":
      for (const key of item.keys ?? []) refs.push([key, { ...whole, key }]);
      break;
    default:
      refs.push([null, whole]);
  }
  return refs.map(([key, ref]) => ({ key, reference: formatReference(ref) }));
}

export async function browseSecrets(
  actor: WorkspaceActor | ProjectActor,
  config: { id: number; kind: string; revision: number },
  options: { prefix?: string; pageToken?: string },
): Promise<BrowsePage> {
  const handle = await providerHandle(config.id, config.revision);
  const kind = config.kind as ProviderKind;
  const page = await handle.provider.listSecrets({
    prefix: options.prefix,
    pageToken: options.pageToken,
    pageSize: 25,
  });
  // Secrets outside the configuration's reference policy are shown, marked, and not insertable (docs/threat-model.md).
  const policy = await loadPolicyForUse(config.id);
  const users = await usersOfSecrets(
    actor,
    config.id,
    page.items.map((i) => i.id),
  );
  return {
    kind,
    nextPageToken: page.nextPageToken,
    items: page.items.map((item) => ({
      ...item,
      references: referencesFor(kind, item),
      usedBy: users.get(item.id) ?? [],
      insidePolicy: isInsidePolicy(policy.entries, kind, item.id),
    })),
  };
}
