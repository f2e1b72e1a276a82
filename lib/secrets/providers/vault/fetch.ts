// fetchSecrets for Vault: each engine's KV version is detected once before the reads fan out, so a failure
// there (login, engine path) is the answer for every secret in that engine; then each distinct secret once.
import { providerError, SecretsError } from "@/lib/secrets/errors";
import { mapLimit } from "@/lib/secrets/map-limit";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef } from "@/lib/secrets/types";
import type { VaultCaller } from "./client";
import { VAULT } from "./errors";
import { detectKvMount } from "./kv-mounts";
import { readKvSecret } from "./kv-read";

type VaultRef = Extract<SecretRef, { kind: "vault" }>;

export async function fetchVaultSecrets(caller: VaultCaller, refs: readonly SecretRef[]): Promise<Map<string, FetchOutcome>> {
  const distinct = new Map<string, VaultRef>();
  const results = new Map<string, FetchOutcome>();
  for (const ref of refs) {
    if (ref.kind === "vault") distinct.set(secretVersionKey(ref), ref);
    else results.set(secretVersionKey(ref), { ok: false, error: notVaultReference(ref.kind) });
  }
  const engineFailures = await detectEngines(caller, distinct.values());
  await mapLimit([...distinct], caller.concurrency, async ([key, ref]) => {
    const failure = engineFailures.get(ref.engine);
    results.set(key, failure ? { ok: false, error: failure.forReference(`${ref.engine}:${ref.path}`) } : await fetchOne(caller, ref));
  });
  return results;
}

/** The KV version of each engine the references name; the failures, by engine. */
async function detectEngines(caller: VaultCaller, refs: Iterable<VaultRef>): Promise<Map<string, SecretsError>> {
  const engineFailures = new Map<string, SecretsError>();
  const byEngine = new Map<string, VaultRef>();
  for (const ref of refs) if (!byEngine.has(ref.engine)) byEngine.set(ref.engine, ref);
  await mapLimit([...byEngine.values()], caller.concurrency, async (ref) => {
    const outcome = await caller.run(() => detectKvMount(caller, ref.engine, ref.path)).catch(toSecretsError);
    if (outcome instanceof SecretsError) engineFailures.set(ref.engine, outcome);
  });
  return engineFailures;
}

async function fetchOne(caller: VaultCaller, ref: VaultRef): Promise<FetchOutcome> {
  try {
    const secret = await caller.run(() => readKvSecret(caller, ref.engine, ref.path));
    return { ok: true, payload: { text: JSON.stringify(secret.data) } };
  } catch (err) {
    return { ok: false, error: toSecretsError(err).forReference(`${ref.engine}:${ref.path}`) };
  }
}

function notVaultReference(kind: string): SecretsError {
  return new SecretsError({
    code: "invalid_reference",
    category: "configuration",
    message: `A ${kind} reference cannot be resolved by the HashiCorp Vault configuration.`,
    fix: "Re-point the reference to the active secrets configuration.",
  });
}

function toSecretsError(err: unknown): SecretsError {
  return err instanceof SecretsError ? err : providerError(VAULT, err instanceof Error ? err.name : "error");
}
