// Collects fetches that arrive within a short window into provider calls of the provider's batch size, so
// concurrent resolutions of many connections cost ceil(distinct secrets / batch size) calls instead of one per
// secret. Duplicate keys inside the window share one entry. Every call then waits its turn in the
// configuration's CallLimiter (lib/secrets/limiter.ts): the provider's deadline starts when the call is sent.
// Interactive fetches have a window of their own and jump the queue.
import type { ProviderCallPolicy } from "@/lib/secrets/call-limits";
import { providerError, SecretsError } from "@/lib/secrets/errors";
import type { CallLimiter, CallPriority } from "@/lib/secrets/limiter";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef, SecretsProvider } from "@/lib/secrets/types";

interface Waiting {
  ref: SecretRef;
  resolve: (outcome: FetchOutcome) => void;
}

interface Window {
  pending: Map<string, Waiting[]>;
  timer?: ReturnType<typeof setTimeout>;
}

export class FetchCoalescer {
  private readonly windows: Record<CallPriority, Window> = { interactive: { pending: new Map() }, background: { pending: new Map() } };
  /** The queued call that will fetch each key, so an interactive request can promote it. */
  private readonly queuedCalls = new Map<string, object>();

  constructor(
    private readonly provider: SecretsProvider,
    private readonly windowMs: number,
    private readonly onProviderCall: () => void,
    private readonly limiter: CallLimiter,
    private readonly policy: ProviderCallPolicy,
  ) {}

  fetch(ref: SecretRef, priority: CallPriority = "background"): Promise<FetchOutcome> {
    const key = secretVersionKey(ref);
    const window = this.windows[priority];
    return new Promise((resolve) => {
      const waiting = window.pending.get(key);
      if (waiting) waiting.push({ ref, resolve });
      else window.pending.set(key, [{ ref, resolve }]);
      window.timer ??= setTimeout(() => this.flush(priority), priority === "interactive" ? 0 : this.windowMs);
    });
  }

  /** An interactive request joined a fetch already under way: move its queued call to the front. */
  promote(ref: SecretRef): void {
    const tag = this.queuedCalls.get(secretVersionKey(ref));
    if (tag) this.limiter.promote(tag);
  }

  private flush(priority: CallPriority): void {
    const window = this.windows[priority];
    const batch = window.pending;
    window.pending = new Map();
    window.timer = undefined;
    for (const keys of this.chunks(batch)) void this.call(keys, batch, priority);
  }

  /** Keys in calls of at most `batching.size`, each call within one group (AWS: one Region). */
  private chunks(batch: Map<string, Waiting[]>): string[][] {
    const { size, group } = this.policy.batching;
    const groups = new Map<string, string[]>();
    const out: string[][] = [];
    for (const [key, waiters] of batch) {
      const g = group(waiters[0]!.ref);
      let current = groups.get(g);
      if (!current || current.length >= size) {
        current = [];
        groups.set(g, current);
        out.push(current);
      }
      current.push(key);
    }
    return out;
  }

  private async call(keys: string[], batch: Map<string, Waiting[]>, priority: CallPriority): Promise<void> {
    const refs = keys.map((k) => batch.get(k)![0]!.ref);
    const tag = {};
    for (const key of keys) this.queuedCalls.set(key, tag);
    let results: Map<string, FetchOutcome>;
    try {
      results = await this.limiter.run(
        this.policy.batching.cost(refs.length),
        priority,
        () => {
          for (const key of keys) if (this.queuedCalls.get(key) === tag) this.queuedCalls.delete(key);
          this.onProviderCall();
          return this.provider.fetchSecrets(refs);
        },
        tag,
      );
    } catch (err) {
      const error = err instanceof SecretsError ? err : providerError("The secrets provider", err instanceof Error ? err.message : "unknown error");
      results = new Map(refs.map((r) => [secretVersionKey(r), { ok: false, error }]));
    }
    for (const key of keys) {
      const outcome = results.get(key) ?? { ok: false as const, error: providerError("The secrets provider", "no result for a requested secret") };
      for (const w of batch.get(key)!) w.resolve(outcome);
    }
  }
}
