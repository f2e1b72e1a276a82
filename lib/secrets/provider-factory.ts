// Builds the SDK-backed provider for a configuration. Endpoints come only from configuration: the AWS SDK
// reads its own AWS_ENDPOINT_URL* variables, Azure's authority host and Google's API endpoint come from
// lib/env, Vault's address and Azure's vault URL from the provider form (the services layer checks them against the egress policy:
// lib/services/secrets/provider-egress.ts).
import { env } from "@/lib/env";
import { createAwsProvider } from "@/lib/secrets/providers/aws";
import { createAzureProvider } from "@/lib/secrets/providers/azure";
import { createGcpProvider } from "@/lib/secrets/providers/gcp";
import { createVaultProvider } from "@/lib/secrets/providers/vault";
import type { ForwardRouteOption } from "@/lib/secrets/contracts/http-forward";
import type { ProviderConfig, SecretsProvider } from "@/lib/secrets/types";

/**
 * `forward` (cloud profiles, docs/agent.md): the provider's requests to the secrets manager itself go through
 * it; the platform's own calls (AWS STS, Entra ID tokens) do not. Google is not offered through a group.
 */
export function createProvider(config: ProviderConfig, options: { forward?: ForwardRouteOption } = {}): SecretsProvider {
  const { forward } = options;
  switch (config.kind) {
    case "aws":
      return createAwsProvider(config, { platformAccountId: env.PLATFORM_AWS_ACCOUNT_ID, forward });
    case "azure":
      return createAzureProvider(config, { authorityHost: env.AZURE_AUTHORITY_HOST, forward });
    case "vault":
      return createVaultProvider(config, forward ? { forward } : undefined);
    case "gcp":
      return createGcpProvider(config, { apiEndpoint: env.GOOGLE_SECRET_MANAGER_ENDPOINT });
  }
}
