export { createVaultProvider, type VaultProviderDeps } from "./provider";
export { forgetVaultSessions } from "./session";
