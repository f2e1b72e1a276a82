export const PROVIDER_LABELS: Record<string, string> = {
  aws: "AWS Secrets Manager",
  azure: "Azure Key Vault",
  vault: "HashiCorp Vault",
  gcp: "Google Secret Manager",
};
