// The rotation poller's engine loop without the database (docs/rotation.md): the real provider's metadata
// reader, decidePoll and the real SecretsCache's drop-and-refetch, on a short interval. One rotation lands at a
// random point of an interval; the clock runs until a resolution returns the new value with no clear.
import { SecretsCache, type CachePolicy } from "@/lib/secrets/cache/secrets-cache";
import type { SecretMetadata } from "@/lib/secrets/metadata";
import { decidePoll } from "@/lib/secrets/rotation";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { SecretRef, SecretsProvider } from "@/lib/secrets/types";

const POLICY: CachePolicy = { ttlMs: 60 * 60_000, graceMs: 15 * 60_000 };

export interface RotationRun {
  secrets: number;
  /** Rotation → first resolution returning the new value (ms). */
  latencyMs: number;
  /** Metadata calls per poll, by operation (the median poll's). */
  callsPerPoll: Record<string, number>;
  strategy: string;
  polls: number;
  /** Median duration of one poll (ms): the period is this plus the interval. */
  pollMs: number;
  /** Value reads the provider served between the rotation and the new value, besides the rotated secret's. */
  unchangedValueReads: number;
}

export async function runRotationLoop(input: {
  provider: SecretsProvider;
  refs: SecretRef[];
  rotated: SecretRef;
  rotate: () => void;
  newValue: (text: string) => boolean;
  valueReads: () => number;
  intervalMs: number;
  timeoutMs?: number;
}): Promise<RotationRun> {
  const { provider, refs, rotated, intervalMs } = input;
  const cache = new SecretsCache();
  const handle = { id: 1, revision: 1, workspaceId: 1, provider };
  await cache.getMany(handle, refs, POLICY);
  let previous = new Map<string, SecretMetadata | undefined>();
  const pollCalls: Array<Record<string, number>> = [];
  const pollDurations: number[] = [];
  let strategy = "";
  const poll = async () => {
    const started = performance.now();
    const report = await provider.readMetadata!(refs);
    pollCalls.push(report.calls);
    strategy = report.strategy;
    const decision = decidePoll(previous, report);
    previous = new Map([...report.results].map(([k, o]) => [k, o.ok ? o.metadata : previous.get(k)]));
    if (decision.changed.length) await cache.dropAndRefetch(handle.id, handle, decision.changed, 60 * 60_000).refetched;
    pollDurations.push(performance.now() - started);
  };
  await poll(); // baseline
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, intervalMs));
      if (!stop) await poll();
    }
  })();
  await new Promise((r) => setTimeout(r, Math.random() * intervalMs));
  const readsBefore = input.valueReads();
  const rotatedAt = performance.now();
  input.rotate();
  const deadline = rotatedAt + (input.timeoutMs ?? intervalMs * 3 + 10_000);
  let latencyMs = Number.NaN;
  while (performance.now() < deadline) {
    const outcome = await cache.get(handle, rotated, POLICY);
    if (outcome.ok && "text" in outcome.payload && input.newValue(outcome.payload.text)) {
      latencyMs = performance.now() - rotatedAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  stop = true;
  await loop;
  const sorted = [...pollCalls].sort((a, b) => total(a) - total(b));
  return {
    secrets: new Set(refs.map(secretVersionKey)).size,
    latencyMs,
    callsPerPoll: sorted[Math.floor(sorted.length / 2)] ?? {},
    strategy,
    polls: pollCalls.length,
    pollMs: [...pollDurations].sort((a, b) => a - b)[Math.floor(pollDurations.length / 2)] ?? 0,
    unchangedValueReads: Math.max(0, input.valueReads() - readsBefore - 1),
  };
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
