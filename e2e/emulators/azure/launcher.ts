// For launchers that run the app in another process: the demo fixture, a PKI that survives emulator restarts,
// and the environment the app process needs (FIDELITY.md, "What a launcher sets for the app process").
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createTestPki, type TestPki } from "./certs";
import type { AzureFixture } from "./fixture";
import type { RunningAzureEmulator } from "./index";

export function loadAzureDemoFixture(): AzureFixture {
  return JSON.parse(readFileSync(join(__dirname, "demo-fixture.json"), "utf8")) as AzureFixture;
}

/** Reads the PKI from `file`, or creates and stores one (0600: it holds the server key). */
export function loadOrCreatePki(file: string): TestPki {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as TestPki;
  const pki = createTestPki();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(pki), { mode: 0o600 });
  return pki;
}

/**
 * Writes the CA bundle (any CA file the launcher already trusts, plus the emulator's) to `caFile` and returns
 * the variables to merge into the app's environment before it starts.
 */
export function azureAppEnv(
  emulator: RunningAzureEmulator,
  caFile: string,
  inherited: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const existing = inherited.NODE_EXTRA_CA_CERTS;
  const bundle = [existing && existsSync(existing) && existing !== caFile ? readFileSync(existing, "utf8").trim() : "", emulator.caCertPem.trim()]
    .filter(Boolean)
    .join("\n");
  mkdirSync(dirname(caFile), { recursive: true });
  writeFileSync(caFile, `${bundle}\n`);
  return {
    NODE_EXTRA_CA_CERTS: caFile,
    HTTPS_PROXY: emulator.proxyUrl,
    // Not inherited: an inherited "*" or ".azure.net" would route the Azure SDK around the emulator.
    NO_PROXY: "127.0.0.1,localhost,::1",
  };
}
