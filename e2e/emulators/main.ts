// Starts the four provider emulators and the demo target API on fixed ports, then prints one JSON line:
// { ready, env, urls } — `env` is what the app process needs so the unmodified SDKs reach the emulators
// (AWS_ENDPOINT_URL + platform keys, Google's endpoint, Azure's proxy and test CA). Dev/test infrastructure
// and the embedded demo default; never imported by product code.
//   npx tsx e2e/emulators/main.ts [--base-port 4560] [--state-file path] [--data-dir ./data/emulators]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadAwsFixture, startAwsEmulator } from "./aws";
import { startAzureEmulator } from "./azure";
import { azureAppEnv, loadAzureDemoFixture, loadOrCreatePki } from "./azure/launcher";
import { demoFixture as gcpDemoFixture, serviceAccountJsonFor } from "./gcp/fixture";
import { startGcpEmulator } from "./gcp/gcp-emulator";
import { demoFixture as vaultDemoFixture, startVaultEmulator } from "./vault";
import { startDemoTarget } from "./demo-target";

interface EmulatorUrls {
  aws: string;
  vault: string;
  azureProxy: string;
  gcp: string;
  demoTarget: string;
  /** The demo's Google service-account key, pointing at this emulator. */
  gcpServiceAccountJson: string;
}

async function main() {
  const { values } = parseArgs({
    options: {
      "base-port": { type: "string", default: "4560" },
      "state-file": { type: "string" },
      "data-dir": { type: "string", default: "./data/emulators" },
    },
  });
  const base = Number(values["base-port"]);
  const dataDir = resolve(values["data-dir"]!);
  mkdirSync(dataDir, { recursive: true });

  const aws = await startAwsEmulator({ port: base, fixture: await loadAwsFixture(join(__dirname, "aws/demo-fixture.json")) });
  const vault = await startVaultEmulator({ port: base + 1, fixture: vaultDemoFixture });
  const azure = await startAzureEmulator({ port: base + 2, fixture: loadAzureDemoFixture(), pki: loadOrCreatePki(join(dataDir, "azure-pki.json")) });
  const gcp = await startGcpEmulator({ port: base + 3, fixture: gcpDemoFixture });
  const target = await startDemoTarget({ port: base + 4, bearerTokens: ["demo-api-token-abc123", "demo-api-token"], apiKeys: ["demo-stripe-key-not-real"] });

  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: "AKIAKEYHOLDDEMO00001",
    AWS_SECRET_ACCESS_KEY: "demoPlatformSecretKey/NotARealAwsKey000001",
    AWS_REGION: "us-east-1",
    PLATFORM_AWS_ACCOUNT_ID: "111122223333",
    GOOGLE_SECRET_MANAGER_ENDPOINT: gcp.url,
    ...azureAppEnv(azure, join(dataDir, "azure-ca.pem")),
  };
  const urls: EmulatorUrls = {
    aws: aws.url,
    vault: vault.url,
    azureProxy: azure.proxyUrl,
    gcp: gcp.url,
    demoTarget: target.url,
    gcpServiceAccountJson: serviceAccountJsonFor(gcpDemoFixture, gcp.url),
  };
  if (values["state-file"]) {
    mkdirSync(dirname(values["state-file"]), { recursive: true });
    writeFileSync(values["state-file"], JSON.stringify({ env, urls }, null, 2));
  }
  process.stdout.write(`${JSON.stringify({ ready: true, env, urls })}\n`);
  console.error(`Emulators: AWS ${aws.url} · Vault ${vault.url} · Azure (proxy) ${azure.proxyUrl} · Google ${gcp.url} · demo API ${target.url}`);

  const stop = async () => {
    await Promise.allSettled([aws.close(), vault.close(), azure.close(), gcp.close(), target.close()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
