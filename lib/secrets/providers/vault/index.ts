export { createVaultProvider } from "./provider";
export type { VaultConfig, VaultProviderDeps } from "./client";
export { forgetVaultSessions } from "./session";
