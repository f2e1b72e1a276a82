export { createGcpProvider } from "./provider";
export type { GcpProviderConfig, GcpProviderDeps } from "./client";
