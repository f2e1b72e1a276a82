export { createAwsProvider } from "./provider";
export type { AwsConfig, AwsProviderDeps } from "./client";
export { clearAwsCredentialCache } from "./session";
export { secretsManagerOrigin } from "./endpoint";
