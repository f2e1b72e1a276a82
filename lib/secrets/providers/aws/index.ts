export { createAwsProvider } from "./aws-provider";
export type { AwsConfig, AwsProviderDeps } from "./aws-context";
export { clearAwsCredentialCache, CREDENTIAL_REFRESH_MARGIN_MS } from "./credentials";
export { externalIdFor, roleSessionNameFor, parseSecretArn } from "./identity";
