export { createAwsProvider } from "./aws-provider";
export type { AwsConfig, AwsProviderDeps } from "./aws-context";
export { clearAwsCredentialCache, CREDENTIAL_REFRESH_MARGIN_MS } from "./credentials";
export { externalIdFor } from "@/lib/secrets/contracts/external-id";
export { parseSecretArn } from "@/lib/secrets/contracts/aws-arn";
export { roleSessionNameFor } from "./identity";
