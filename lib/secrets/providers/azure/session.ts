// One ClientSecretCredential + SecretClient per configuration, reused across calls so msal's token cache and
// Key Vault's challenge state survive between resolutions. The key includes a hash of the client secret (never
// the secret) so replacing it builds fresh clients. SDK retries are off: withRetries owns the deadline.
import { createHash } from "node:crypto";
import { ClientSecretCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";
import { invalidConfiguration } from "@/lib/secrets/errors";
import type { AzureAuth, AzureSettings } from "@/lib/secrets/types";
import type { ForwardRouteOption } from "@/lib/secrets/contracts/http-forward";
import { forwardHttpClient } from "./forward-client";
import { unreadableErrorGuard } from "./unreadable";
import { nextLinkRecorder } from "./paging";

export interface AzureClients {
  client: SecretClient;
  /** Vault origin, e.g. https://keyhold-demo.vault.azure.net */
  vaultOrigin: string;
  vaultName: string;
  tenantId: string;
}

const MAX_CACHED = 64;
const cache = new Map<string, AzureClients>();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseVaultUrl(vaultUrl: string): { origin: string; name: string } {
  let url: URL;
  try {
    url = new URL(vaultUrl.trim());
  } catch {
    throw invalidConfiguration(
      `The vault URL "${vaultUrl}" is not a URL.`,
      "Use the Vault URI from the vault's Overview page, e.g. https://<vault name>.vault.azure.net.",
    );
  }
  if (url.protocol !== "https:" || url.username || url.password || (url.pathname !== "/" && url.pathname !== "")) {
    throw invalidConfiguration(
      `The vault URL "${url.origin}${url.pathname}" is not a vault URI.`,
      "Use the Vault URI from the vault's Overview page, e.g. https://<vault name>.vault.azure.net (https, no path).",
    );
  }
  return { origin: url.origin, name: url.hostname.split(".")[0] ?? url.hostname };
}

/**
 * `forward` (cloud profiles, docs/agent.md): Key Vault requests go through it (an on-prem agent); the token
 * requests to the authority host do not. Its route is part of the cache key: a client never changes route.
 */
export function azureClientsFor(settings: AzureSettings, auth: AzureAuth, authorityHost: string, forward?: ForwardRouteOption): AzureClients {
  const { origin, name } = parseVaultUrl(settings.vaultUrl);
  // Key Vault's challenge names the tenant in lower case and identity compares it case-sensitively.
  const tenantId = GUID.test(settings.tenantId.trim()) ? settings.tenantId.trim().toLowerCase() : settings.tenantId.trim();
  const clientId = settings.clientId.trim();
  const secretHash = createHash("sha256").update(auth.clientSecret).digest("hex");
  const key = [tenantId, clientId, origin, authorityHost, secretHash, forward?.route ?? "cloud"].join("|");
  const cached = cache.get(key);
  if (cached) return cached;

  const credential = new ClientSecretCredential(tenantId, clientId, auth.clientSecret, {
    authorityHost,
    retryOptions: { maxRetries: 0 },
  });
  const client = new SecretClient(origin, credential, {
    retryOptions: { maxRetries: 0 },
    // Through an agent a 3xx is not followed (docs/agent.md): it reaches the classifier as an unexpected status.
    ...(forward ? { httpClient: forwardHttpClient(forward.send), redirectOptions: { maxRetries: 0 } } : {}),
    additionalPolicies: [
      { policy: nextLinkRecorder, position: "perCall" },
      { policy: unreadableErrorGuard, position: "perCall" },
    ],
  });
  const clients = { client, vaultOrigin: origin, vaultName: name, tenantId };
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, clients);
  return clients;
}

/** Drops every cached client (tests; a configuration change needs nothing, its key changes). */
export function clearAzureClientCache(): void {
  cache.clear();
}
