import "server-only";
// Tests a provider configuration through the same code paths as real use, step by step (docs/errors.md "Test
// configuration"): authenticate (assume role / login / token), list, and read up to 3 of the secrets this
// configuration's references use, or the one secret the admin named (`probe`). Values stay on the server: a
// read step reports only that it worked and the payload's shape. A role that lists but cannot read fails.
import { referencesToTest } from "@/lib/data/secret-usage";
import type { OwnerActor } from "@/lib/data/secrets-owner";
import { getProviderConfig, recordProviderTest } from "@/lib/data/provider-configs";
import { AppError } from "@/lib/errors";
import { isSecretsError, providerError } from "@/lib/secrets/errors";
import { MAX_TEST_READS, testPassed } from "@/lib/secrets/provider-test-steps";
import { parseReference, ReferenceParseError } from "@/lib/secrets/references";
import { PROBE_FORMS, probeReference } from "@/lib/secrets/contracts/test-probe";
import type { ProviderKind, ProviderTestResult, SecretRef } from "@/lib/secrets/types";
import type { ProviderTestReport } from "@/lib/views/secrets";
import { providerHandle } from "./runtime";

const AUTH_LABELS: Readonly<Record<ProviderKind, string>> = {
  aws: "Assume role",
  vault: "Log in with AppRole",
  azure: "Get a token",
  gcp: "Get a token",
};

export async function testProviderConfig(actor: OwnerActor, options: { probe?: string } = {}): Promise<ProviderTestReport> {
  const config = await getProviderConfig(actor);
  if (!config) throw new AppError("NOT_FOUND", "Save a provider configuration first.");
  const reads = options.probe ? [parseProbe(config.kind, options.probe)] : await referencedSecrets(actor, config.id, config.kind);
  const started = performance.now();
  let result: ProviderTestResult | undefined;
  let report: ProviderTestReport;
  try {
    const handle = await providerHandle(config.id, config.revision);
    result = await handle.provider.test({ reads });
    const failed = result.steps.find((s) => s.status === "failed");
    report = { ok: testPassed(result), ms: 0, ...result, readUntested: reads.length === 0, error: failed?.error };
  } catch (err) {
    const error = (isSecretsError(err) ? err : providerError("The secrets provider", err instanceof Error ? err.message : "unknown error")).toJSON();
    const step = { kind: "auth" as const, label: AUTH_LABELS[config.kind], needs: "", status: "failed" as const, detail: error.message, error };
    report = { ok: false, ms: 0, secretCount: 0, sampleNames: [], steps: [step], readUntested: reads.length === 0, error };
  }
  report.ms = Math.round(performance.now() - started);
  await recordProviderTest(
    actor,
    config.id,
    report.ok ? { ok: true, summary: summaryOf(report) } : { ok: false, summary: report.error!.message, code: report.error!.code },
  );
  return report;
}

function summaryOf(report: ProviderTestReport): string {
  const reads = report.steps.filter((s) => s.kind === "read" && s.status === "ok").length;
  const read = report.readUntested ? "reading untested" : `${reads} secret${reads === 1 ? "" : "s"} read`;
  return `${report.secretCount} secrets visible as ${report.identity}; ${read}`;
}

/** The secret the admin named; a later reference policy narrows which ones may be named here. */
function parseProbe(kind: ProviderKind, probe: string): SecretRef {
  try {
    return probeReference(kind, probe);
  } catch (err) {
    if (err instanceof ReferenceParseError) throw new AppError("VALIDATION", `Name a secret as ${PROBE_FORMS[kind]}.`, "probe");
    throw err;
  }
}

/** Up to 3 secrets this configuration's saved references use (the reverse index); unparsable rows are skipped. */
async function referencedSecrets(actor: OwnerActor, configId: number, kind: ProviderKind): Promise<SecretRef[]> {
  const refs: SecretRef[] = [];
  for (const text of await referencesToTest(actor, configId, MAX_TEST_READS)) {
    try {
      refs.push(parseReference(text, kind));
    } catch {
      // A reference saved under another grammar version cannot be read as this kind; the others still are.
    }
  }
  return refs;
}
