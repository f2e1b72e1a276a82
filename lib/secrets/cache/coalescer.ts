// Collects fetches that arrive within a short window into one provider call, so concurrent resolutions of
// many connections cost ceil(distinct secrets / batch size) calls instead of one per secret. Duplicate keys
// inside the window share one entry.
import { providerError, SecretsError } from "@/lib/secrets/errors";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef, SecretsProvider } from "@/lib/secrets/types";

interface Waiting {
  ref: SecretRef;
  resolve: (outcome: FetchOutcome) => void;
}

export class FetchCoalescer {
  private pending = new Map<string, Waiting[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly provider: SecretsProvider,
    private readonly windowMs: number,
    private readonly onProviderCall: () => void,
  ) {}

  fetch(ref: SecretRef): Promise<FetchOutcome> {
    const key = secretVersionKey(ref);
    return new Promise((resolve) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ ref, resolve });
      else this.pending.set(key, [{ ref, resolve }]);
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.timer = undefined;
    const refs = [...batch.values()].map((w) => w[0]!.ref);
    let results: Map<string, FetchOutcome>;
    try {
      this.onProviderCall();
      results = await this.provider.fetchSecrets(refs);
    } catch (err) {
      const error = err instanceof SecretsError ? err : providerError("The secrets provider", err instanceof Error ? err.message : "unknown error");
      results = new Map(refs.map((r) => [secretVersionKey(r), { ok: false, error }]));
    }
    for (const [key, waiters] of batch) {
      const outcome = results.get(key) ?? { ok: false as const, error: providerError("The secrets provider", "no result for a requested secret") };
      for (const w of waiters) w.resolve(outcome);
    }
  }
}
