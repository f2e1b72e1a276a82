// For tests that drive the Vault provider against this emulator: the demo AppRole's configuration pointing at a
// running emulator, references, and variations of the demo fixture.
import type { ProviderConfig, SecretRef, VaultSettings } from "@/lib/secrets/types";
import { demoFixture, type VaultFixture } from "./fixture";
import { startVaultEmulator, type RunningVaultEmulator } from "./index";

type VaultConfig = Extract<ProviderConfig, { kind: "vault" }>;

export const FAST_RETRIES = { baseDelayMs: 1, maxDelayMs: 5 };

export function vaultConfig(emulator: RunningVaultEmulator, settings: Partial<VaultSettings> = {}, secretId = "demo-secret-id"): VaultConfig {
  return {
    kind: "vault",
    owner: { workspaceId: 1 },
    settings: { address: emulator.url, approleMount: "approle", roleId: "demo-role-id", roleName: "keyhold-demo", ...settings },
    auth: { secretId },
  };
}

export function vaultRef(engine: string, path: string, key = "password"): Extract<SecretRef, { kind: "vault" }> {
  return { kind: "vault", key, engine, path };
}

export function startDemoVault(fixture: VaultFixture = demoFixture): Promise<RunningVaultEmulator> {
  return startVaultEmulator({ fixture });
}

/** The demo fixture with changes, for tests that need another policy, secret or namespace. */
export function demoWith(change: (fixture: VaultFixture) => void): VaultFixture {
  const copy = structuredClone(demoFixture);
  change(copy);
  return copy;
}
