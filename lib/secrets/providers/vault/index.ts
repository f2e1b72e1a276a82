export { createVaultProvider } from "./provider";
export type { VaultConfig, VaultProviderDeps } from "./client";
export { forgetVaultSessions } from "./session";
export type { ForwardedRequest, ForwardedResponse, HttpForward } from "@/lib/secrets/contracts/http-forward";
