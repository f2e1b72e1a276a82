import "server-only";
// Tests a provider configuration through the same code path as real use (assume role + list for AWS, login +
// list for Vault, token + list for Azure and Google) and records the result.
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { getProviderConfig, recordProviderTest } from "@/lib/data/provider-configs";
import { AppError } from "@/lib/errors";
import { isSecretsError, providerError } from "@/lib/secrets/errors";
import { providerHandle } from "./runtime";
import type { ProviderTestReport } from "@/lib/views/secrets";

export async function testProviderConfig(actor: OwnerActor): Promise<ProviderTestReport> {
  const config = await getProviderConfig(actor);
  if (!config) throw new AppError("NOT_FOUND", "Save a provider configuration first.");
  const started = performance.now();
  let report: ProviderTestReport;
  try {
    const handle = await providerHandle(config.id, config.revision);
    report = { ok: true, result: await handle.provider.test(), ms: 0 };
  } catch (err) {
    const error = isSecretsError(err) ? err : providerError("The secrets provider", err instanceof Error ? err.message : "unknown error");
    report = { ok: false, error: error.toJSON(), ms: 0 };
  }
  report.ms = Math.round(performance.now() - started);
  await recordProviderTest(
    actor,
    config.id,
    report.ok
      ? { ok: true, summary: `${report.result.secretCount} secrets visible as ${report.result.identity}` }
      : { ok: false, summary: report.error.message, code: report.error.code },
  );
  return report;
}
