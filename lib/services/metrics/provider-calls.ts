import "server-only";
// Counts and times every call to a secrets provider (docs/operations.md "Metrics"): a wrapper around the
// configuration's provider, so the engine itself stays free of metrics. The outcome is "ok" or the
// SecretsError category, never its message; a fetch of several references counts its worst failure.
import { recordProviderCall } from "@/lib/metrics/record";
import { isSecretsError } from "@/lib/secrets/errors";
import type { FetchOutcome, SecretsProvider } from "@/lib/secrets/types";

function outcomeOf(err: unknown): string {
  return isSecretsError(err) ? err.category : "other";
}

function fetchOutcome(results: Map<string, FetchOutcome>): string {
  for (const r of results.values()) if (!r.ok) return r.error.category;
  return "ok";
}

export function withCallMetrics(provider: SecretsProvider, workspaceId: number, now: () => number = performance.now.bind(performance)): SecretsProvider {
  async function timed<T>(operation: string, call: () => Promise<T>, outcome: (value: T) => string = () => "ok"): Promise<T> {
    const started = now();
    try {
      const value = await call();
      recordProviderCall(workspaceId, provider.kind, operation, outcome(value), (now() - started) / 1000);
      return value;
    } catch (err) {
      recordProviderCall(workspaceId, provider.kind, operation, outcomeOf(err), (now() - started) / 1000);
      throw err;
    }
  }
  return {
    kind: provider.kind,
    test: (options) => timed("test", () => provider.test(options)),
    listSecrets: (options) => timed("list", () => provider.listSecrets(options)),
    fetchSecrets: (refs) => timed("fetch", () => provider.fetchSecrets(refs), fetchOutcome),
    // The rotation poll's metadata reads (docs/rotation.md): dropped by this wrapper, the poll would read nothing.
    ...(provider.readMetadata ? { readMetadata: (refs) => timed("metadata", () => provider.readMetadata!(refs)) } : {}),
  };
}
