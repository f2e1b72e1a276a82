import { parseSecretArn } from "@/lib/secrets/contracts/aws-arn";
// A cold start at scale (docs/cache.md, "Call limits"): thousands of resolutions at once must reach the provider
// as a bounded, paced stream of full calls, with a user's interactive request served ahead of the burst.
import { describe, expect, it } from "vitest";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef, SecretsProvider } from "@/lib/secrets/types";
import { SecretsCache, type ConfigHandle } from "./secrets-cache";

const arn = (n: number, region = "us-east-1") => `arn:aws:secretsmanager:${region}:123456789012:secret:s${n}-AbCdEf`;
const ref = (n: number, region?: string): SecretRef => ({ kind: "aws", key: "password", arn: arn(n, region) });
const policy = { ttlMs: 60_000, graceMs: 0 };

/**
 * Models a provider behind an SDK socket pool of `sockets`: a call that has to wait for a socket longer
 * than `deadlineMs` fails, as the real provider's 15 s deadline did when it counted queue time.
 */
function pooledProvider(sockets: number, callMs: number, deadlineMs: number) {
  let active = 0;
  let peak = 0;
  const calls: string[][] = [];
  const queue: Array<() => void> = [];
  const acquire = (): Promise<void> => {
    if (active < sockets) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((r) =>
      queue.push(() => {
        active++;
        r();
      }),
    );
  };
  const release = () => {
    active--;
    queue.shift()?.();
  };
  const provider: SecretsProvider = {
    kind: "aws",
    test: async () => ({ secretCount: 0, sampleNames: [], identity: "", steps: [] }),
    listSecrets: async () => ({ items: [] }),
    fetchSecrets: async (refs) => {
      const sent = performance.now();
      calls.push(refs.map(secretVersionKey));
      await acquire();
      peak = Math.max(peak, active);
      const queued = performance.now() - sent;
      await new Promise((r) => setTimeout(r, callMs));
      release();
      return new Map<string, FetchOutcome>(
        refs.map((r) => [secretVersionKey(r), queued > deadlineMs ? { ok: false, error: { code: "timeout" } as never } : { ok: true, payload: { text: "v" } }]),
      );
    },
  };
  return { provider, calls, peak: () => peak };
}

describe("SecretsCache cold start at scale", () => {
  it("resolves 10,000 connections over 2,000 secrets in ceil(2000/20) calls, never more than 20 in flight, none failing", async () => {
    const { provider, calls, peak } = pooledProvider(20, 2, 1_000);
    const cache = new SecretsCache({ windowMs: 2 });
    const config: ConfigHandle = { id: 1, revision: 1, workspaceId: 1, provider, limits: { ratePerSecond: Number.POSITIVE_INFINITY } };
    const results = await Promise.all(Array.from({ length: 10_000 }, (_, i) => cache.getMany(config, [ref(i % 2000), ref((i * 7 + 3) % 2000)], policy)));
    const failed = results.flatMap((r) => [...r.values()]).filter((o) => !o.ok);
    expect(failed).toHaveLength(0);
    expect(calls).toHaveLength(100);
    expect(calls.every((c) => c.length === 20)).toBe(true);
    expect(peak()).toBeLessThanOrEqual(20);
    expect(cache.callStats(1)!.maxInFlightSeen).toBeLessThanOrEqual(20);
  });

  it("keeps each call within one AWS Region", async () => {
    const { provider, calls } = pooledProvider(50, 1, 1000);
    const cache = new SecretsCache({ windowMs: 2 });
    const config: ConfigHandle = { id: 1, revision: 1, workspaceId: 1, provider };
    await cache.getMany(config, [ref(1), ref(2, "eu-west-1"), ref(3), ref(4, "eu-west-1")], policy);
    expect(calls.map((c) => c.map((k) => parseSecretArn(k)?.region))).toEqual([
      ["us-east-1", "us-east-1"],
      ["eu-west-1", "eu-west-1"],
    ]);
  });

  it("paces calls at the configured rate", async () => {
    const { provider, calls } = pooledProvider(50, 0, 1000);
    const cache = new SecretsCache({ windowMs: 1 });
    const config: ConfigHandle = { id: 1, revision: 1, workspaceId: 1, provider, limits: { ratePerSecond: 100, burst: 5 } };
    const started = performance.now();
    await cache.getMany(
      config,
      Array.from({ length: 400 }, (_, i) => ref(i)),
      policy,
    );
    expect(calls).toHaveLength(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140); // 5 at once, 15 more at 100/s
  });

  it("answers an interactive request ahead of a queued background burst, also when it shares a queued secret", async () => {
    const { provider } = pooledProvider(50, 3, 10_000);
    const cache = new SecretsCache({ windowMs: 1 });
    const config: ConfigHandle = { id: 1, revision: 1, workspaceId: 1, provider, limits: { maxInFlight: 2, ratePerSecond: Number.POSITIVE_INFINITY } };
    let backgroundDone = 0;
    const burst = Array.from({ length: 4000 }, (_, i) => cache.get(config, ref(i), policy).then(() => backgroundDone++));
    await new Promise((r) => setTimeout(r, 5));
    await cache.getMany(config, [ref(5000), ref(3999)], policy, { priority: "interactive" });
    expect(backgroundDone).toBeLessThan(400); // 200 calls of 3 ms queued; the user waited for a few, not all
    await Promise.all(burst);
  });
});
