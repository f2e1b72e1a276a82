// Resolves `{ secret: '<name>' }` profile fields from the secrets manager in the agent's own config, with the
// agent's own credentials: the AWS SDK's default chain, Google's Application Default Credentials, Azure's
// DefaultAzureCredential (service principal or managed identity settings in the environment). The values stay
// in this process: they go to the tester and nowhere else. One read per secret per test; no cache, no retries
// beyond the SDKs' own.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { AgentConfig } from "./config";

export type SecretReader = (name: string) => Promise<string>;

export function secretReader(secrets: NonNullable<AgentConfig["secrets"]>): SecretReader {
  switch (secrets.provider) {
    case "aws": {
      const client = new SecretsManagerClient({ region: secrets.region, endpoint: secrets.endpoint, maxAttempts: 2 });
      return async (name) => {
        const out = await client.send(new GetSecretValueCommand({ SecretId: name }));
        if (out.SecretString !== undefined) return out.SecretString;
        if (out.SecretBinary) return Buffer.from(out.SecretBinary).toString("utf8");
        throw new Error(`AWS secret "${name}" has no value.`);
      };
    }
    case "google":
      return async (name) => {
        if (!/^projects\/[^/]+\/secrets\/[^/]+\/versions\/[^/]+$/.test(name)) {
          throw new Error(`Google secret names look like projects/<project>/secrets/<name>/versions/<n|latest>, not "${name}".`);
        }
        const { SecretManagerServiceClient } = await import("@google-cloud/secret-manager");
        const endpoint = secrets.endpoint ? new URL(/:\/\//.test(secrets.endpoint) ? secrets.endpoint : `https://${secrets.endpoint}`) : null;
        const client = new SecretManagerServiceClient(
          endpoint
            ? { fallback: true, apiEndpoint: endpoint.hostname, port: Number(endpoint.port || 443), protocol: endpoint.protocol.slice(0, -1) }
            : { fallback: true },
        );
        const [version] = await client.accessSecretVersion({ name });
        const data = version.payload?.data;
        if (data === undefined || data === null) throw new Error(`Google secret "${name}" has no value.`);
        return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
      };
    case "azure":
      return async (name) => {
        const [{ SecretClient }, { DefaultAzureCredential }] = await Promise.all([import("@azure/keyvault-secrets"), import("@azure/identity")]);
        const credential = new DefaultAzureCredential({ tenantId: secrets.tenantId, managedIdentityClientId: secrets.clientId });
        const secret = await new SecretClient(secrets.vaultUrl, credential).getSecret(name);
        if (secret.value === undefined) throw new Error(`Azure secret "${name}" has no value.`);
        return secret.value;
      };
  }
}
