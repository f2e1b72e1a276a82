// HashiCorp Vault behind the SecretsProvider contract, through node-vault: AppRole login, KV v1/v2 (detected
// per mount like Vault's CLI), names from the KV mounts the AppRole can see. Every call runs under withRetries
// with node-vault's socket timeout (node-vault itself never retries).
import type { SecretsProvider } from "@/lib/secrets/types";
import { vaultCallerFor, type VaultConfig, type VaultProviderDeps } from "./client";
import { fetchVaultSecrets } from "./fetch";
import { listVaultSecrets, testVaultProvider } from "./list";
import { readVaultMetadata } from "./metadata";

export function createVaultProvider(config: VaultConfig, deps: VaultProviderDeps = {}): SecretsProvider {
  const caller = vaultCallerFor(config, deps);
  return {
    kind: "vault",
    test: (options) => testVaultProvider(caller, options),
    listSecrets: (options) => listVaultSecrets(caller, options),
    fetchSecrets: (refs) => fetchVaultSecrets(caller, refs),
    readMetadata: (refs) => readVaultMetadata(caller, refs),
  };
}
