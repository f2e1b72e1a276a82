// dropAndRefetch: a rotation drops the secret and re-reads only the entries in active use, so their next use
// is warm with the new value; idle entries are just dropped.
import { describe, expect, it } from "vitest";
import type { SecretRef, SecretsProvider } from "@/lib/secrets/types";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { SecretsCache, type ConfigHandle } from "./secrets-cache";

const policy = { ttlMs: 3_600_000, graceMs: 0 };
const ref = (name: string): SecretRef => ({ kind: "azure", name });

function setup() {
  let now = 1_000_000;
  const values = new Map([
    ["hot", "v1"],
    ["idle", "v1"],
  ]);
  const reads: string[] = [];
  const provider: SecretsProvider = {
    kind: "azure",
    test: async () => ({ secretCount: 0, sampleNames: [], identity: "", steps: [] }),
    listSecrets: async () => ({ items: [] }),
    fetchSecrets: async (refs) =>
      new Map(
        refs.map((r) => {
          const name = (r as { name: string }).name;
          reads.push(name);
          return [secretVersionKey(r), { ok: true as const, payload: { text: values.get(name)! } }];
        }),
      ),
  };
  const cache = new SecretsCache({ windowMs: 0, now: () => now });
  const config: ConfigHandle = { id: 1, revision: 1, workspaceId: 1, provider };
  return { cache, config, values, reads, advance: (ms: number) => (now += ms) };
}

const text = (o: { ok: boolean; payload?: unknown } | undefined) => (o?.ok ? (o as { payload: { text: string } }).payload.text : undefined);

describe("dropAndRefetch", () => {
  it("re-fetches the active entry in the background and just drops the idle one", async () => {
    const { cache, config, values, reads, advance } = setup();
    await cache.get(config, ref("hot"), policy);
    await cache.get(config, ref("idle"), policy);
    advance(20 * 60_000);
    await cache.get(config, ref("hot"), policy); // a hit: in active use
    values.set("hot", "v2");
    values.set("idle", "v2");
    reads.length = 0;
    const { dropped, refetched } = cache.dropAndRefetch(1, config, [secretVersionKey(ref("hot")), secretVersionKey(ref("idle"))], 10 * 60_000);
    expect(dropped).toBe(2);
    expect(await refetched).toBe(1);
    expect(reads).toEqual(["hot"]);
    const warm = await cache.get(config, ref("hot"), policy);
    expect(warm).toMatchObject({ ok: true, source: "cache" });
    expect(text(warm)).toBe("v2");
    expect(reads).toEqual(["hot"]); // the next use cost no read
  });

  it("without a provider handle on this instance it only drops", async () => {
    const { cache, config } = setup();
    await cache.get(config, ref("hot"), policy);
    const { dropped, refetched } = cache.dropAndRefetch(1, undefined, [secretVersionKey(ref("hot"))], 60_000);
    expect(dropped).toBe(1);
    expect(await refetched).toBe(0);
    expect(cache.stats().entries).toBe(0);
  });
});
