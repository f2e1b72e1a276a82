// Azure Key Vault through @azure/identity (ClientSecretCredential) and @azure/keyvault-secrets, configured as
// in production: the authority host comes from the caller (env.AZURE_AUTHORITY_HOST in the app), Key Vault's
// challenge verification and msal's instance discovery stay on, and SDK retries are off so every call runs
// under withRetries' deadline with its abort signal.
import { withRetries, type RetryPolicy } from "../../retry";
import { secretVersionKey } from "../../secret-key";
import { SecretsError } from "../../errors";
import type {
  FetchOutcome,
  ListSecretsOptions,
  ListSecretsPage,
  ProviderConfig,
  ProviderTestResult,
  SecretListing,
  SecretRef,
  SecretsProvider,
} from "../../types";
import { classifyAzureError } from "./classify";
import { azureClientsFor, parseVaultUrl } from "./clients";
import { closestNames } from "../../closest-names";
import { AZURE_PROVIDER, secretNotFound, type AzureErrorContext } from "./errors";
import { decodePageToken, encodePageToken, fetchVaultPage, type PagePosition } from "./paging";

export interface AzureProviderDeps {
  /** Microsoft Entra authority host, e.g. https://login.microsoftonline.com (env.AZURE_AUTHORITY_HOST). */
  authorityHost: string;
  retryPolicy?: Partial<RetryPolicy>;
  /** Backoff jitter source (tests make it deterministic). */
  random?: () => number;
}

type AzureConfig = Extract<ProviderConfig, { kind: "azure" }>;
type AzureRef = Extract<SecretRef, { kind: "azure" }>;

const FETCH_CONCURRENCY = 4;
/** Key Vault pages (25 names each) one listSecrets call may scan while filtering by prefix. */
const MAX_PAGES_PER_CALL = 20;
/** Names scanned for "did you mean" suggestions. */
const MAX_SUGGESTION_PAGES = 10;

const notAzureReference = () =>
  new SecretsError({
    code: "invalid_reference",
    category: "configuration",
    message: "This reference is not an Azure Key Vault reference, but the active provider is Azure Key Vault.",
    fix: "Re-point the reference to a secret of the configured vault: {{workato:sm:<secret name>}} or {{workato:sm:<secret name>:<version id>}}.",
  });

export const referenceText = (ref: AzureRef) => `{{workato:sm:${ref.name}${ref.version ? `:${ref.version}` : ""}}}`;

export function createAzureProvider(config: AzureConfig, deps: AzureProviderDeps): SecretsProvider {
  const { settings, auth } = config;
  const clients = () => azureClientsFor(settings, auth, deps.authorityHost);
  const vaultName = (() => {
    try {
      return parseVaultUrl(settings.vaultUrl).name;
    } catch {
      return settings.vaultUrl;
    }
  })();
  const redact = (text: string) => (auth.clientSecret ? text.split(auth.clientSecret).join("[redacted]") : text);

  function context(operation: "get" | "list", ref?: AzureRef): AzureErrorContext {
    return {
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      vaultName,
      operation,
      secretName: ref?.name,
      version: ref?.version,
      redact,
    };
  }

  const retry = <T>(operation: (signal: AbortSignal) => Promise<T>, ctx: AzureErrorContext) =>
    withRetries(operation, { provider: AZURE_PROVIDER, classify: (err) => classifyAzureError(err, ctx), policy: deps.retryPolicy, random: deps.random });

  async function listSecrets(options: ListSecretsOptions = {}): Promise<ListSecretsPage> {
    const { client, vaultOrigin } = clients();
    const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 100);
    const prefix = options.prefix?.toLowerCase() ?? "";
    let position: PagePosition = decodePageToken(options.pageToken, vaultOrigin);
    const items: SecretListing[] = [];
    for (let scanned = 0; scanned < MAX_PAGES_PER_CALL; scanned++) {
      const link = position.link;
      const page = await retry((signal) => fetchVaultPage(client, link, signal), context("list"));
      for (let i = position.offset; i < page.items.length; i++) {
        const properties = page.items[i];
        if (!properties || !properties.name.toLowerCase().startsWith(prefix)) continue;
        items.push({ name: properties.name, id: properties.name, updatedAt: properties.updatedOn?.toISOString() });
        if (items.length === pageSize) {
          const rest: PagePosition | undefined =
            i + 1 < page.items.length ? { link, offset: i + 1 } : page.nextLink ? { link: page.nextLink, offset: 0 } : undefined;
          return { items, nextPageToken: rest && encodePageToken(rest) };
        }
      }
      if (!page.nextLink) return { items };
      position = { link: page.nextLink, offset: 0 };
    }
    return { items, nextPageToken: encodePageToken(position) };
  }

  async function allNames(): Promise<string[]> {
    const { client } = clients();
    const names: string[] = [];
    let link: string | undefined;
    for (let pages = 0; pages < MAX_SUGGESTION_PAGES; pages++) {
      const current = link;
      const page = await retry((signal) => fetchVaultPage(client, current, signal), context("list"));
      names.push(...page.items.map((p) => p.name));
      if (!page.nextLink) break;
      link = page.nextLink;
    }
    return names;
  }

  async function fetchOne(ref: AzureRef, names: () => Promise<string[]>): Promise<FetchOutcome> {
    const ctx = context("get", ref);
    try {
      const { client } = clients();
      const secret = await retry((abortSignal) => client.getSecret(ref.name, { version: ref.version, abortSignal }), ctx);
      if (secret.value === undefined) {
        return { ok: false, error: secretNotFound(ctx).forReference(referenceText(ref)) };
      }
      return { ok: true, payload: { text: secret.value } };
    } catch (err) {
      let error = err instanceof SecretsError ? err : classifyAzureError(err, ctx);
      if (error.code === "not_found") {
        const known = await names().catch(() => [] as string[]);
        const nameExists = known.some((n) => n.toLowerCase() === ref.name.toLowerCase());
        error = secretNotFound(ctx, ref.version && nameExists ? [] : closestNames(ref.name, known));
      }
      return { ok: false, error: error.forReference(referenceText(ref)) };
    }
  }

  return {
    kind: "azure",

    async test(): Promise<ProviderTestResult> {
      const page = await listSecrets({ pageSize: 25 });
      const { tenantId } = clients();
      return {
        secretCount: page.items.length,
        sampleNames: page.items.slice(0, 5).map((i) => i.name),
        identity: `App ${settings.clientId} (tenant ${tenantId}) reading vault ${vaultName}`,
      };
    },

    listSecrets,

    async fetchSecrets(refs: readonly SecretRef[]): Promise<Map<string, FetchOutcome>> {
      const unique = new Map<string, AzureRef>();
      const results = new Map<string, FetchOutcome>();
      for (const ref of refs) {
        if (ref.kind === "azure") unique.set(secretVersionKey(ref), ref);
        else results.set(secretVersionKey(ref), { ok: false, error: notAzureReference() });
      }
      let namesOnce: Promise<string[]> | undefined;
      const names = () => (namesOnce ??= allNames());
      const queue = [...unique.entries()];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [key, ref] = next;
          results.set(key, await fetchOne(ref, names));
        }
      };
      await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, queue.length) }, worker));
      return results;
    },
  };
}
