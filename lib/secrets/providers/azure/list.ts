// The secret browser and the "Test" button: Key Vault's listing, filtered by prefix on our side (Key Vault
// has no server-side filter) and re-paged to the caller's page size with page tokens from paging.ts.
import { runProviderTest, tokenProvedByList } from "@/lib/secrets/provider-test-steps";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { ListSecretsOptions, ListSecretsPage, ProviderTestOptions, ProviderTestResult, SecretListing, SecretRef } from "@/lib/secrets/types";
import type { AzureContext } from "./client";
import { AZURE_PROVIDER } from "./errors";
import { fetchAzureSecrets } from "./fetch";
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

export function testAzureProvider(ctx: AzureContext, options: ProviderTestOptions = {}): Promise<ProviderTestResult> {
  const steps = tokenProvedByList(async () => (await listAzureSecrets(ctx, { pageSize: 25 })).items.map((i) => i.name));
  const nameOf = (ref: SecretRef) => (ref.kind === "azure" ? ref.name : secretVersionKey(ref));
  return runProviderTest(
    {
      provider: AZURE_PROVIDER,
      auth: {
        label: "Get a token",
        needs: `a valid client secret of app ${ctx.settings.clientId} in tenant ${ctx.settings.tenantId}`,
        run: async () => {
          await steps.token();
          return `App ${ctx.settings.clientId} (tenant ${ctx.clients().tenantId}) reading vault ${ctx.vaultName}`;
        },
      },
      list: {
        label: "List secrets",
        needs: "the List secret permission (access policy) or Microsoft.KeyVault/vaults/secrets/readMetadata/action (e.g. Key Vault Secrets User)",
        run: steps.list,
      },
      read: {
        name: nameOf,
        needs: (ref) => `the Get secret permission (access policy) or Microsoft.KeyVault/vaults/secrets/getSecret/action on ${nameOf(ref)}`,
        fetch: (refs) => fetchAzureSecrets(ctx, refs),
      },
    },
    options.reads,
  );
}
