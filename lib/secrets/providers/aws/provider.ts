// AWS Secrets Manager behind the SecretsProvider contract: Keyhold assumes the customer's role (trust policy
// with our account as principal and the owner's External ID) and reads secrets with that session.
import type { SecretsProvider } from "@/lib/secrets/types";
import { AwsContext, type AwsConfig, type AwsProviderDeps } from "./client";
import { fetchAwsSecrets } from "./fetch";
import { listAwsSecrets, testAwsProvider } from "./list";
import { readAwsMetadata } from "./metadata";

export function createAwsProvider(config: AwsConfig, deps: AwsProviderDeps): SecretsProvider {
  const ctx = new AwsContext(config, deps);
  return {
    kind: "aws",
    test: (options) => testAwsProvider(ctx, options),
    listSecrets: (options) => listAwsSecrets(ctx, options),
    fetchSecrets: (refs) => fetchAwsSecrets(ctx, refs),
    readMetadata: (refs) => readAwsMetadata(ctx, refs),
  };
}
