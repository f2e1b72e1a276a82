import "server-only";
// Builds the SDK-backed provider for a configuration. Endpoints come only from configuration: the AWS SDK
// reads its own AWS_ENDPOINT_URL* variables, Azure's authority host and Google's API endpoint come from
// lib/env, Vault's address and Azure's vault URL from the provider form (checked by the egress policy).
import { env } from "@/lib/env";
import { createAwsProvider } from "./providers/aws";
import { createAzureProvider } from "./providers/azure/azure-provider";
import { createGcpProvider } from "./providers/gcp/gcp-provider";
import { createVaultProvider } from "./providers/vault";
import { withEgressCheck } from "./provider-egress";
import type { ProviderConfig, SecretsProvider } from "./types";

export function createProvider(config: ProviderConfig): SecretsProvider {
  return withEgressCheck(createUnchecked(config), config);
}

function createUnchecked(config: ProviderConfig): SecretsProvider {
  switch (config.kind) {
    case "aws":
      return createAwsProvider(config, { platformAccountId: env.PLATFORM_AWS_ACCOUNT_ID });
    case "azure":
      return createAzureProvider(config, { authorityHost: env.AZURE_AUTHORITY_HOST });
    case "vault":
      return createVaultProvider(config);
    case "gcp":
      return createGcpProvider(config, { apiEndpoint: env.GOOGLE_SECRET_MANAGER_ENDPOINT });
  }
}
