export { createAzureProvider } from "./provider";
export type { AzureConfig, AzureProviderDeps } from "./client";
export { clearAzureClientCache } from "./session";
