// The four providers through their unmodified SDKs against the four emulators, in this process: for tests and
// bench figures that run the same fault against every provider (unreadable bodies, outages, retry budgets).
// Each entry names the emulator operation a read goes through, so a fault can be aimed at reads or listings.
import { startAwsTestEnv } from "./aws/test-harness";
import { CUSTOMER_ACCOUNT, roleArn } from "./aws/test-fixture";
import { startAzureEmulator } from "./azure";
import { loadAzureDemoFixture } from "./azure/launcher";
import { trustTestCa } from "./azure/trust-test-ca";
import { startGcpEmulator } from "./gcp/gcp-emulator";
import { demoFixture as gcpFixture, serviceAccountJsonFor } from "./gcp/fixture";
import { startDemoVault, vaultConfig, vaultRef } from "./vault/testing";
import type { FaultSpec, RunningEmulator } from "./types";
import { clearAwsCredentialCache, createAwsProvider } from "@/lib/secrets/providers/aws";
import { clearAzureClientCache, createAzureProvider } from "@/lib/secrets/providers/azure";
import { createGcpProvider } from "@/lib/secrets/providers/gcp";
import { createVaultProvider, forgetVaultSessions } from "@/lib/secrets/providers/vault";
import type { RetryPolicy } from "@/lib/secrets/retry";
import type { ProviderKind, SecretRef, SecretsProvider } from "@/lib/secrets/types";

export interface EmulatedProvider {
  kind: ProviderKind;
  emulator: Pick<RunningEmulator, "calls" | "resetCalls" | "injectFault" | "clearFaults">;
  /** A fresh provider instance (sessions and tokens are shared per configuration, as in the app). */
  provider(): SecretsProvider;
  /** Forgets this provider's shared sessions (role credentials, SDK clients with their token caches, Vault tokens). */
  forget(): void;
  /** A secret the fixture's identity may read. */
  ref: SecretRef;
  /** Emulator operation names of a read and of a listing. */
  readOp: string;
  listOp: string;
}

export interface ProviderHarness {
  providers: EmulatedProvider[];
  reset(): void;
  stop(): Promise<void>;
}

/** Short backoffs so fault tests run fast; attempts and deadlines stay the production defaults unless given. */
export async function startProviderHarness(policy: Partial<RetryPolicy> = { baseDelayMs: 1, maxDelayMs: 5 }): Promise<ProviderHarness> {
  const aws = await startAwsTestEnv();
  const gcp = await startGcpEmulator({ fixture: gcpFixture });
  const vault = await startDemoVault();
  const azureFixture = loadAzureDemoFixture();
  const azure = await startAzureEmulator({ fixture: azureFixture });
  const untrust = trustTestCa(azure.caCertPem);
  const savedProxy = process.env.HTTPS_PROXY;
  process.env.HTTPS_PROXY = azure.proxyUrl;
  const azureApp = azureFixture.tenants[0]!.apps[0]!;

  const providers: EmulatedProvider[] = [
    {
      kind: "aws",
      emulator: aws.emulator,
      provider: () =>
        createAwsProvider(
          { kind: "aws", owner: { workspaceId: 7, projectId: 9 }, settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } },
          { platformAccountId: "111122223333", retryPolicy: policy },
        ),
      ref: { kind: "aws", key: "password", arn: `arn:aws:secretsmanager:us-east-1:${CUSTOMER_ACCOUNT}:secret:prod/db-Ab12Cd` },
      forget: clearAwsCredentialCache,
      readOp: "BatchGetSecretValue",
      listOp: "ListSecrets",
    },
    {
      kind: "azure",
      emulator: azure,
      provider: () =>
        createAzureProvider(
          {
            kind: "azure",
            owner: { workspaceId: 1 },
            settings: { tenantId: azureFixture.tenants[0]!.id, clientId: azureApp.clientId, vaultUrl: "https://keyhold-demo.vault.azure.net" },
            auth: { clientSecret: azureApp.secrets[0]!.value },
          },
          { authorityHost: "https://login.microsoftonline.com", retryPolicy: policy },
        ),
      ref: { kind: "azure", name: "db-password" },
      forget: clearAzureClientCache,
      readOp: "getSecret",
      listOp: "listSecrets",
    },
    {
      kind: "gcp",
      emulator: gcp,
      provider: () =>
        createGcpProvider(
          {
            kind: "gcp",
            owner: { workspaceId: 1 },
            settings: { projectId: "keyhold-demo" },
            auth: { serviceAccountJson: serviceAccountJsonFor(gcpFixture, gcp.url) },
          },
          { apiEndpoint: gcp.url, retryPolicy: policy },
        ),
      ref: { kind: "gcp", secretId: "db-password" },
      forget: () => undefined,
      readOp: "accessSecretVersion",
      listOp: "listSecrets",
    },
    {
      kind: "vault",
      emulator: vault,
      provider: () => createVaultProvider(vaultConfig(vault), { retryPolicy: policy }),
      ref: vaultRef("secret", "prod/db"),
      forget: forgetVaultSessions,
      readOp: "read",
      listOp: "list",
    },
  ];

  const all = [aws.emulator, azure, gcp, vault];
  return {
    providers,
    reset() {
      for (const e of all) {
        e.setState({ op: "reset" });
        e.clearFaults();
        e.resetCalls();
      }
    },
    async stop() {
      clearAwsCredentialCache();
      clearAzureClientCache();
      forgetVaultSessions();
      if (savedProxy === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = savedProxy;
      untrust();
      await Promise.all([aws.stop(), azure.close(), gcp.close(), vault.close()]);
    },
  };
}

/** A fault aimed at one operation, until cleared. */
export const persistent = (fault: Omit<FaultSpec, "count">, operation?: string): FaultSpec => ({ ...fault, operation, count: 1_000 });
