export { createVaultProvider, type VaultProviderDeps } from "./vault-provider";
export { forgetVaultSessions } from "./vault-session";
