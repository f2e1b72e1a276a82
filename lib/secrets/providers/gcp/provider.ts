// Google Secret Manager behind the SecretsProvider contract, through the official @google-cloud/secret-manager
// client. A reference names a secret id and optionally a version (default `latest`).
import type { SecretsProvider } from "@/lib/secrets/types";
import { GcpContext, type GcpProviderConfig, type GcpProviderDeps } from "./client";
import { fetchGcpSecrets } from "./fetch";
import { listGcpSecrets, testGcpProvider } from "./list";
import { readGcpMetadata } from "./metadata";

export function createGcpProvider(config: GcpProviderConfig, deps: GcpProviderDeps): SecretsProvider {
  const ctx = new GcpContext(config, deps);
  return {
    kind: "gcp",
    test: (options) => testGcpProvider(ctx, options),
    listSecrets: (options) => listGcpSecrets(ctx, options),
    fetchSecrets: (refs) => fetchGcpSecrets(ctx, refs),
    readMetadata: (refs) => readGcpMetadata(ctx, refs),
  };
}
