// The Secrets Manager origin the SDK sends a region's requests to, worked out the way the SDK does for a
// standard configuration: the service's endpoint variable, then the global one, then the regional endpoint
// of the region's partition. A group-routed configuration pins its agent jobs to this origin (docs/agent.md);
// an SDK that resolved anything else (FIPS, dual-stack) is refused before a job exists, never forwarded.
export function secretsManagerOrigin(region: string, env: Record<string, string | undefined>): string {
  const configured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === "true" ? undefined : (env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? env.AWS_ENDPOINT_URL);
  if (configured) return new URL(configured).origin;
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://secretsmanager.${region}.${suffix}`;
}
