// Azure Key Vault behind the SecretsProvider contract, through @azure/identity (ClientSecretCredential) and
// @azure/keyvault-secrets, configured as in production: Key Vault's challenge verification and msal's
// instance discovery stay on.
import type { SecretsProvider } from "@/lib/secrets/types";
import { AzureContext, type AzureConfig, type AzureProviderDeps } from "./client";
import { fetchAzureSecrets } from "./fetch";
import { listAzureSecrets, testAzureProvider } from "./list";
import { AzureMetadataReader } from "./metadata";

export function createAzureProvider(config: AzureConfig, deps: AzureProviderDeps): SecretsProvider {
  const ctx = new AzureContext(config, deps);
  const metadata = new AzureMetadataReader(ctx);
  return {
    kind: "azure",
    test: (options) => testAzureProvider(ctx, options),
    listSecrets: (options) => listAzureSecrets(ctx, options),
    fetchSecrets: (refs) => fetchAzureSecrets(ctx, refs),
    readMetadata: (refs) => metadata.read(refs),
  };
}
