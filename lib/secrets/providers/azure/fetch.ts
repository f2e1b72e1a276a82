// fetchSecrets for Azure: each distinct (name, version) once, a few at a time. A not-found answer is
// enriched with the closest names in the vault, listed at most once per call.
import { closestNames } from "@/lib/secrets/closest-names";
import { SecretsError } from "@/lib/secrets/errors";
import { mapLimit } from "@/lib/secrets/map-limit";
import { expectedFormat, formatReference } from "@/lib/secrets/references";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef } from "@/lib/secrets/types";
import { classifyAzureError } from "./classify";
import type { AzureContext, AzureRef } from "./client";
import { secretNotFound } from "./errors";
import { listAzureNamesForSuggestions } from "./list";

const FETCH_CONCURRENCY = 4;

const notAzureReference = () =>
  new SecretsError({
    code: "invalid_reference",
    category: "configuration",
    message: "This reference is not an Azure Key Vault reference, but the active provider is Azure Key Vault.",
    fix: `Re-point the reference to a secret of the configured vault: ${expectedFormat("azure")}.`,
  });

export async function fetchAzureSecrets(ctx: AzureContext, refs: readonly SecretRef[]): Promise<Map<string, FetchOutcome>> {
  const unique = new Map<string, AzureRef>();
  const results = new Map<string, FetchOutcome>();
  for (const ref of refs) {
    if (ref.kind === "azure") unique.set(secretVersionKey(ref), ref);
    else results.set(secretVersionKey(ref), { ok: false, error: notAzureReference() });
  }
  let namesOnce: Promise<string[]> | undefined;
  const names = () => (namesOnce ??= listAzureNamesForSuggestions(ctx));
  await mapLimit([...unique.entries()], FETCH_CONCURRENCY, async ([key, ref]) => {
    results.set(key, await fetchOne(ctx, ref, names));
  });
  return results;
}

async function fetchOne(ctx: AzureContext, ref: AzureRef, names: () => Promise<string[]>): Promise<FetchOutcome> {
  const errorContext = ctx.errorContext("get", ref);
  try {
    const { client } = ctx.clients();
    const secret = await ctx.run((abortSignal) => client.getSecret(ref.name, { version: ref.version, abortSignal }), errorContext);
    if (secret.value === undefined) {
      return { ok: false, error: secretNotFound(errorContext).forReference(formatReference(ref)) };
    }
    return { ok: true, payload: { text: secret.value } };
  } catch (err) {
    let error = err instanceof SecretsError ? err : classifyAzureError(err, errorContext);
    if (error.code === "not_found") {
      const known = await names().catch(() => [] as string[]);
      const nameExists = known.some((n) => n.toLowerCase() === ref.name.toLowerCase());
      error = secretNotFound(errorContext, ref.version && nameExists ? [] : closestNames(ref.name, known));
    }
    return { ok: false, error: error.forReference(formatReference(ref)) };
  }
}
