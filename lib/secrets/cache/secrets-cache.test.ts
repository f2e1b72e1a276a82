import pino from "pino";
import { describe, expect, it } from "vitest";
import { notFound, unavailable, type SecretsError } from "@/lib/secrets/errors";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import type { FetchOutcome, SecretRef, SecretsProvider } from "@/lib/secrets/types";
import { replaceSecretsLogger } from "@/lib/secrets/secrets-log";
import { SecretsCache, type ConfigHandle } from "./secrets-cache";

/** A provider double that counts calls and answers from a mutable map: enough to test the cache's own logic. */
function fakeProvider(values: Map<string, string | SecretsError>) {
  const calls: string[][] = [];
  const provider: SecretsProvider = {
    kind: "aws",
    test: async () => ({ secretCount: 0, sampleNames: [], identity: "", steps: [] }),
    listSecrets: async () => ({ items: [] }),
    fetchSecrets: async (refs: readonly SecretRef[]) => {
      calls.push(refs.map(secretVersionKey));
      await new Promise((r) => setTimeout(r, 2));
      return new Map<string, FetchOutcome>(
        refs.map((r) => {
          const v = values.get(secretVersionKey(r));
          if (v === undefined) return [secretVersionKey(r), { ok: false, error: notFound(secretVersionKey(r)) }];
          return [secretVersionKey(r), typeof v === "string" ? { ok: true, payload: { text: v } } : { ok: false, error: v }];
        }),
      );
    },
  };
  return { provider, calls };
}

const ref = (n: number): SecretRef => ({ kind: "aws", key: "password", arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:s${n}-AbCdEf` });
const key = (n: number) => secretVersionKey(ref(n));
const policy = { ttlMs: 60_000, graceMs: 15 * 60_000 };

function setup(values: Map<string, string | SecretsError>) {
  let now = 1_000_000;
  const cache = new SecretsCache({ windowMs: 2, now: () => now });
  const { provider, calls } = fakeProvider(values);
  const config: ConfigHandle = { id: 1, revision: 1, workspaceId: 7, provider };
  return { cache, calls, config, advance: (ms: number) => (now += ms) };
}

describe("SecretsCache", () => {
  it("serves from memory within the TTL and refetches after it", async () => {
    const values = new Map([[key(1), "v1"]]);
    const { cache, calls, config, advance } = setup(values);
    expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: true, source: "provider", payload: { text: "v1" } });
    values.set(key(1), "v2");
    expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: true, source: "cache", payload: { text: "v1" } });
    advance(60_001);
    expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: true, source: "provider", payload: { text: "v2" } });
    expect(calls).toHaveLength(2);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, providerCalls: 2 });
  });

  it("makes one provider call for 1,000 concurrent misses of one secret (single flight)", async () => {
    const { cache, calls, config } = setup(new Map([[key(1), "v"]]));
    const outcomes = await Promise.all(Array.from({ length: 1000 }, () => cache.get(config, ref(1), policy)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(calls).toEqual([[key(1)]]);
  });

  it("coalesces concurrent misses of different secrets into full provider calls (AWS: 20 per call)", async () => {
    const values = new Map(Array.from({ length: 50 }, (_, i) => [key(i), `v${i}`] as [string, string]));
    const { cache, calls, config } = setup(values);
    await Promise.all(Array.from({ length: 50 }, (_, i) => cache.getMany(config, [ref(i), ref(i)], policy)));
    expect(calls.map((c) => c.length)).toEqual([20, 20, 10]);
  });

  it("revocation wins: access denied or not found drops the entry, even within the TTL's grace", async () => {
    const values = new Map<string, string | SecretsError>([[key(1), "v"]]);
    const { cache, config, advance } = setup(values);
    await cache.get(config, ref(1), policy);
    values.delete(key(1));
    advance(60_001);
    expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: false, error: { code: "not_found" } });
    values.set(key(1), unavailable("AWS Secrets Manager"));
    expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: false, error: { code: "unavailable" } });
  });

  it("serves the last good value during an outage for the grace period only", async () => {
    const values = new Map<string, string | SecretsError>([[key(1), "good"]]);
    const { cache, config, advance } = setup(values);
    await cache.get(config, ref(1), policy);
    values.set(key(1), unavailable("AWS Secrets Manager", "503"));
    advance(60_001);
    expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: true, source: "stale", payload: { text: "good" } });
    advance(15 * 60_000);
    expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: false, error: { code: "unavailable" } });
    expect(cache.stats().staleServed).toBe(1);
  });

  it("never serves stale values when grace is 0", async () => {
    const values = new Map<string, string | SecretsError>([[key(1), "good"]]);
    const { cache, config, advance } = setup(values);
    await cache.get(config, ref(1), { ttlMs: 1000, graceMs: 0 });
    values.set(key(1), unavailable("AWS Secrets Manager"));
    advance(1001);
    expect(await cache.get(config, ref(1), { ttlMs: 1000, graceMs: 0 })).toMatchObject({ ok: false });
  });

  it("drops entries on clear, on configuration change (revision) and per secret", async () => {
    const values = new Map([
      [key(1), "a"],
      [key(2), "b"],
    ]);
    const { cache, calls, config } = setup(values);
    await cache.getMany(config, [ref(1), ref(2)], policy);
    expect(cache.dropSecrets(1, [key(1)])).toBe(1);
    await cache.getMany(config, [ref(1), ref(2)], policy);
    expect(calls.at(-1)).toEqual([key(1)]);
    // An edited configuration has a new revision: its old values are never served.
    const edited = { ...config, revision: 2 };
    await cache.get(edited, ref(2), policy);
    expect(calls.at(-1)).toEqual([key(2)]);
    expect(cache.dropConfig(1)).toBe(3);
    await cache.getMany(config, [ref(1)], policy);
    expect(cache.clearWorkspace(7)).toBe(1);
    expect(cache.clearWorkspace(8)).toBe(0);
    expect(cache.stats().entries).toBe(0);
  });

  it("turns a provider that throws into an error outcome for every waiting reference", async () => {
    const cache = new SecretsCache({ windowMs: 1 });
    const provider: SecretsProvider = {
      kind: "aws",
      test: async () => ({ secretCount: 0, sampleNames: [], identity: "", steps: [] }),
      listSecrets: async () => ({ items: [] }),
      fetchSecrets: async () => {
        throw unavailable("AWS Secrets Manager");
      },
    };
    const out = await cache.getMany({ id: 9, revision: 1, workspaceId: 1, provider }, [ref(1), ref(2)], policy);
    expect([...out.values()].map((o) => o.ok)).toEqual([false, false]);
  });
});

describe("SecretsCache: the server log", () => {
  function captured() {
    const lines: Array<Record<string, unknown>> = [];
    const restore = replaceSecretsLogger(pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
    return { lines, restore };
  }

  it("says when it serves a stale value, drops a revoked one and clears entries, never with the value", async () => {
    const values = new Map<string, string | SecretsError>([[key(1), "the-cached-value"]]);
    const { cache, config, advance } = setup(values);
    const { lines, restore } = captured();
    try {
      await cache.get(config, ref(1), policy);
      values.set(key(1), unavailable("AWS Secrets Manager", "503"));
      advance(60_001);
      expect(await cache.get(config, ref(1), policy)).toMatchObject({ source: "stale" });
      values.delete(key(1));
      advance(60_001);
      expect(await cache.get(config, ref(1), policy)).toMatchObject({ ok: false });
      cache.clearWorkspace(7);
    } finally {
      restore();
    }
    expect(lines.map((l) => l.event)).toEqual(["secrets.stale_served", "secrets.cache_revoked", "secrets.cache_cleared"]);
    expect(lines[0]).toMatchObject({ level: 40, configId: 1, workspaceId: 7, secret: key(1), code: "unavailable" });
    expect(lines[1]).toMatchObject({ level: 40, code: "not_found", category: "authorization" });
    expect(lines[2]).toMatchObject({ level: 30, scope: "workspace", workspaceId: 7, dropped: 0 });
    expect(JSON.stringify(lines)).not.toContain("the-cached-value");
  });
});
