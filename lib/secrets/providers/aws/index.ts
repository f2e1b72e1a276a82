export { createAwsProvider } from "./provider";
export type { AwsConfig, AwsProviderDeps } from "./client";
export { clearAwsCredentialCache, CREDENTIAL_REFRESH_MARGIN_MS } from "./session";
export { externalIdFor } from "@/lib/secrets/contracts/external-id";
export { parseSecretArn } from "@/lib/secrets/contracts/aws-arn";
export { roleSessionNameFor } from "./identity";
