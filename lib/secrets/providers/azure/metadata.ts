// Metadata for Azure Key Vault, never a value: version properties (id, enabled, created, updated, expires).
// Two ways, chosen per poll (cost model in docs/rotation.md): "versions" lists each secret's versions (one
// call per secret while it has at most 25 versions), "list" pages through the vault's secret listing (25 per
// call) whose items carry the current version's attributes. Listing wins when the vault's pages are fewer
// than the secrets in use; the vault's size is remembered from the last listing. References pinned to a
// version are always read through their versions (the listing only describes the current version).
import type { SecretClient, SecretProperties } from "@azure/keyvault-secrets";
import { SecretsError } from "@/lib/secrets/errors";
import { mapLimit } from "@/lib/secrets/map-limit";
import { callCounter, isoOf, type MetadataOutcome, type MetadataReport, type SecretMetadata } from "@/lib/secrets/metadata";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretRef } from "@/lib/secrets/types";
import { classifyAzureError } from "./classify";
import type { AzureContext, AzureRef } from "./client";
import { fetchVaultPage, VAULT_PAGE_SIZE, withPagerErrors } from "./paging";

const CONCURRENCY = 4;

export class AzureMetadataReader {
  /** Secrets the vault listed last time: what decides between listing and per-secret versions. */
  private visible: number | undefined;

  constructor(private readonly ctx: AzureContext) {}

  async read(refs: readonly SecretRef[]): Promise<MetadataReport> {
    const { calls, count } = callCounter();
    const results = new Map<string, MetadataOutcome>();
    const current = new Map<string, AzureRef>();
    const pinned = new Map<string, AzureRef>();
    for (const ref of refs) if (ref.kind === "azure") (ref.version ? pinned : current).set(secretVersionKey(ref), ref);
    const pages = this.visible === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(this.visible / VAULT_PAGE_SIZE));
    const useList = current.size > 1 && (pages < current.size || (this.visible === undefined && current.size > VAULT_PAGE_SIZE));
    if (useList) await this.fromListing(current, results, count);
    const perSecret = useList ? [...pinned] : [...current, ...pinned];
    await mapLimit(perSecret, CONCURRENCY, async ([key, ref]) => void results.set(key, await this.fromVersions(ref, count)));
    return { results, strategy: useList ? "list" : "versions", calls };
  }

  private async fromListing(wanted: Map<string, AzureRef>, results: Map<string, MetadataOutcome>, count: (op: string) => void): Promise<void> {
    const { client } = this.ctx.clients();
    const byName = new Map<string, SecretProperties>();
    let link: string | undefined;
    try {
      do {
        const at = link;
        const page = await this.ctx.run((signal) => {
          count("listSecrets");
          return fetchVaultPage(client, at, signal);
        }, this.ctx.errorContext("list"));
        for (const item of page.items) byName.set(item.name.toLowerCase(), item);
        link = page.nextLink;
      } while (link);
    } catch (err) {
      const error = err instanceof SecretsError ? err : classifyAzureError(err, this.ctx.errorContext("list"));
      for (const key of wanted.keys()) results.set(key, { ok: false, error });
      return;
    }
    this.visible = byName.size;
    for (const [key, ref] of wanted) {
      const item = byName.get(ref.name.toLowerCase());
      results.set(key, { ok: true, metadata: item ? metadataOf(item) : { exists: false } });
    }
  }

  private async fromVersions(ref: AzureRef, count: (op: string) => void): Promise<MetadataOutcome> {
    const { client } = this.ctx.clients();
    const errorContext = this.ctx.errorContext("list", ref);
    try {
      const versions = await this.ctx.run((abortSignal) => allVersions(client, ref.name, abortSignal, count), errorContext);
      const chosen = ref.version ? versions.find((v) => v.version?.toLowerCase() === ref.version?.toLowerCase()) : newest(versions);
      return { ok: true, metadata: chosen ? metadataOf(chosen) : { exists: false } };
    } catch (err) {
      const error = err instanceof SecretsError ? err : classifyAzureError(err, errorContext);
      if (error.code === "not_found") return { ok: true, metadata: { exists: false } };
      return { ok: false, error };
    }
  }
}

function allVersions(client: SecretClient, name: string, abortSignal: AbortSignal, count: (op: string) => void): Promise<SecretProperties[]> {
  return withPagerErrors(async () => {
    const out: SecretProperties[] = [];
    const pages = client.listPropertiesOfSecretVersions(name, { abortSignal }).byPage({ maxPageSize: VAULT_PAGE_SIZE });
    for (let first = true; ; first = false) {
      const page = await pages.next();
      if (first || !page.done) count("listVersions"); // the pager asks again only while there is a nextLink
      if (page.done) return out;
      out.push(...page.value);
    }
  });
}

/** Key Vault's current version is the most recently created one. */
function newest(versions: SecretProperties[]): SecretProperties | undefined {
  let best: SecretProperties | undefined;
  for (const v of versions) if (!best || (v.createdOn?.getTime() ?? 0) >= (best.createdOn?.getTime() ?? 0)) best = v;
  return best;
}

/**
 * The listing's items carry no version id, so the version token is the current version's created/updated
 * times in both strategies: switching strategy between polls then never looks like a rotation.
 */
function metadataOf(p: SecretProperties): SecretMetadata {
  const created = isoOf(p.createdOn);
  const updated = isoOf(p.updatedOn);
  return {
    exists: true,
    version: `${created ?? ""}/${updated ?? ""}`,
    enabled: p.enabled !== false,
    ...(updated ? { lastChangedAt: updated } : {}),
    ...(isoOf(p.expiresOn) ? { expiresAt: isoOf(p.expiresOn) } : {}),
  };
}
