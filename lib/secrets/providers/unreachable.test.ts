// A provider that cannot be reached: the message names the host or address the call was going to, so a mistyped
// address or region shows itself ("connection refused by 127.0.0.1:1", "could not resolve sts.us-esat-1…"),
// and an unknown AWS region in the endpoint gets "did you mean". Real SDKs against closed ports where the
// machine allows it; Node-shaped errors where it needs public DNS.
import { freePort } from "@/lib/testing/free-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { roleArn } from "@/e2e/emulators/aws/test-fixture";
import { startDemoVault, vaultConfig, vaultRef } from "@/e2e/emulators/vault/testing";
import type { RunningVaultEmulator } from "@/e2e/emulators/vault";
import type { SecretsError } from "@/lib/secrets/errors";
import type { RetryPolicy } from "@/lib/secrets/retry";
import type { SecretRef, SecretsProvider } from "@/lib/secrets/types";
import { classifyAwsError } from "./aws/classify";
import { clearAwsCredentialCache, createAwsProvider } from "./aws";
import { classifyAzureError } from "./azure/classify";
import { classifyGcpError } from "./gcp/classify";
import { createVaultProvider, forgetVaultSessions } from "./vault";

const FAST: Partial<RetryPolicy> = { baseDelayMs: 1, maxDelayMs: 5 };

async function readError(provider: SecretsProvider, ref: SecretRef, key: string): Promise<SecretsError> {
  const outcome = (await provider.fetchSecrets([ref])).get(key);
  if (!outcome || outcome.ok) throw new Error("expected a failure");
  return outcome.error;
}

/** What Node's resolver raises for a name that does not exist (network-failure.test.ts checks the real one). */
const dnsFailure = (hostname: string) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", errno: -3008, syscall: "getaddrinfo", hostname });

describe("AWS not reached", () => {
  let env: AwsTestEnv;
  beforeAll(async () => {
    env = await startAwsTestEnv();
  });
  afterAll(() => env.stop());

  it("names the address that refused the connection (real SDK, STS endpoint on a closed port)", async () => {
    const port = await freePort();
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${port}`;
    try {
      clearAwsCredentialCache();
      const provider = createAwsProvider(
        { kind: "aws", owner: { workspaceId: 7, projectId: 9 }, settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } },
        { platformAccountId: "111122223333", retryPolicy: FAST },
      );
      const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Ab12Cd";
      const error = await readError(provider, { kind: "aws", key: "password", arn }, arn);
      expect(error).toMatchObject({ code: "unavailable", category: "unavailable", retryable: true });
      expect(error.message).toBe(`AWS STS is unavailable: connection refused by 127.0.0.1:${port} (ECONNREFUSED) (AssumeRole).`);
    } finally {
      process.env.AWS_ENDPOINT_URL = saved;
      clearAwsCredentialCache();
    }
  });

  const ctx = {
    operation: "AssumeRole" as const,
    roleArn: roleArn("keyhold-full"),
    externalId: "workato_iam_external_id_7_9",
    platformAccountId: "111122223333",
  };

  it("an endpoint of a region the SDK does not know that does not resolve: did you mean, in the fix", () => {
    const error = classifyAwsError(dnsFailure("sts.us-esat-1.amazonaws.com"), ctx);
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect(error.message).toBe("AWS STS is unavailable: could not resolve sts.us-esat-1.amazonaws.com (ENOTFOUND) (AssumeRole).");
    expect(error.fix).toMatch(/^The region "us-esat-1" is not one the AWS SDK knows \(did you mean us-east-1\?\)\. Correct it in the secrets settings/);
  });

  it("the region in a reference's ARN gets the same hint (Secrets Manager endpoint)", () => {
    const error = classifyAwsError(dnsFailure("secretsmanager.eu-wset-1.amazonaws.com"), { ...ctx, operation: "BatchGetSecretValue" });
    expect(error.message).toBe(
      "AWS Secrets Manager is unavailable: could not resolve secretsmanager.eu-wset-1.amazonaws.com (ENOTFOUND) (BatchGetSecretValue).",
    );
    expect(error.fix).toContain('The region "eu-wset-1" is not one the AWS SDK knows (did you mean eu-west-1?)');
  });

  it("a known region that does not resolve is an outage or a DNS problem, not a typo", () => {
    const error = classifyAwsError(dnsFailure("sts.us-east-1.amazonaws.com"), ctx);
    expect(error.message).toContain("could not resolve sts.us-east-1.amazonaws.com (ENOTFOUND)");
    expect(error.fix).not.toMatch(/region/);
  });
});

describe("Vault not reached", () => {
  let vault: RunningVaultEmulator;
  beforeAll(async () => {
    vault = await startDemoVault();
  });
  afterAll(() => vault.close());

  it("names the address that refused the connection (real client, closed port)", async () => {
    const port = await freePort();
    forgetVaultSessions();
    const provider = createVaultProvider(vaultConfig(vault, { address: `http://127.0.0.1:${port}` }), { retryPolicy: FAST });
    const error = await readError(provider, vaultRef("secret", "prod/db"), "vault:secret:prod/db");
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect(error.message).toContain(`connection refused by 127.0.0.1:${port} (ECONNREFUSED)`);
  });
});

describe("Azure and Google not reached", () => {
  it("Azure: the vault host from the failed request", () => {
    const restError = Object.assign(new Error("getaddrinfo ENOTFOUND keyhold-dmeo.vault.azure.net"), {
      name: "RestError",
      code: "ENOTFOUND",
      request: { url: "https://keyhold-dmeo.vault.azure.net/secrets/db-password/?api-version=7.5" },
    });
    const error = classifyAzureError(restError, { tenantId: "t", clientId: "c", vaultName: "keyhold-dmeo", operation: "get", secretName: "db-password" });
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect(error.message).toBe("Azure Key Vault is unavailable: could not resolve keyhold-dmeo.vault.azure.net (ENOTFOUND).");
  });

  it("Google: Node's error inside the client library's wrappers", () => {
    const wrapped = Object.assign(new Error("request to https://secretmanager.googleapis.com failed"), {
      cause: dnsFailure("secretmanager.googleapis.com"),
    });
    const error = classifyGcpError(wrapped, { projectId: "keyhold-demo", secretId: "db-password", email: "keyhold@keyhold-demo.iam.gserviceaccount.com" });
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect(error.message).toContain("could not resolve secretmanager.googleapis.com (ENOTFOUND)");
  });
});
