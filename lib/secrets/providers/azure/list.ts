// The secret browser and the "Test" button: Key Vault's listing, filtered by prefix on our side (Key Vault
// has no server-side filter) and re-paged to the caller's page size with page tokens from paging.ts.
import type { ListSecretsOptions, ListSecretsPage, ProviderTestResult, SecretListing } from "@/lib/secrets/types";
import type { AzureContext } from "./client";
import { decodePageToken, encodePageToken, fetchVaultPage, type PagePosition } from "./paging";

/** Key Vault pages (25 names each) one listSecrets call may scan while filtering by prefix. */
const MAX_PAGES_PER_CALL = 20;
/** Names scanned for "did you mean" suggestions. */
const MAX_SUGGESTION_PAGES = 10;

export async function listAzureSecrets(ctx: AzureContext, options: ListSecretsOptions = {}): Promise<ListSecretsPage> {
  const { client, vaultOrigin } = ctx.clients();
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 100);
  const prefix = options.prefix?.toLowerCase() ?? "";
  let position: PagePosition = decodePageToken(options.pageToken, vaultOrigin);
  const items: SecretListing[] = [];
  for (let scanned = 0; scanned < MAX_PAGES_PER_CALL; scanned++) {
    const link = position.link;
    const page = await ctx.run((signal) => fetchVaultPage(client, link, signal), ctx.errorContext("list"));
    for (let i = position.offset; i < page.items.length; i++) {
      const properties = page.items[i];
      if (!properties?.name.toLowerCase().startsWith(prefix)) continue;
      items.push({ name: properties.name, id: properties.name, updatedAt: properties.updatedOn?.toISOString() });
      if (items.length === pageSize) {
        const rest: PagePosition | undefined =
          i + 1 < page.items.length ? { link, offset: i + 1 } : page.nextLink ? { link: page.nextLink, offset: 0 } : undefined;
        return { items, nextPageToken: rest && encodePageToken(rest) };
      }
    }
    if (!page.nextLink) return { items };
    // Items already handed out that this page did not carry (it may come back short, even empty, with a
    // nextLink while Key Vault scans on) are at the next link: skip them there, or they would be listed twice.
    position = { link: page.nextLink, offset: Math.max(0, position.offset - page.items.length) };
  }
  return { items, nextPageToken: encodePageToken(position) };
}

/** The vault's secret names (first pages), for "did you mean" on a not-found reference. */
export async function listAzureNamesForSuggestions(ctx: AzureContext): Promise<string[]> {
  const { client } = ctx.clients();
  const names: string[] = [];
  let link: string | undefined;
  for (let pages = 0; pages < MAX_SUGGESTION_PAGES; pages++) {
    const current = link;
    const page = await ctx.run((signal) => fetchVaultPage(client, current, signal), ctx.errorContext("list"));
    names.push(...page.items.map((p) => p.name));
    if (!page.nextLink) break;
    link = page.nextLink;
  }
  return names;
}

export async function testAzureProvider(ctx: AzureContext): Promise<ProviderTestResult> {
  const page = await listAzureSecrets(ctx, { pageSize: 25 });
  const { tenantId } = ctx.clients();
  return {
    secretCount: page.items.length,
    sampleNames: page.items.slice(0, 5).map((i) => i.name),
    identity: `App ${ctx.settings.clientId} (tenant ${tenantId}) reading vault ${ctx.vaultName}`,
  };
}
