// Revocation wins whatever the body: each provider, through its real SDK and the cache, against its emulator's
// `raw` fault (XML, a proxy's HTML page, an empty body). An unreadable 401/403 is a denial (no stale value),
// a 404 is not found, and only 429/5xx let the cache serve the last good value. No message shows SDK internals.
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { persistent, startProviderHarness, type EmulatedProvider, type ProviderHarness } from "@/e2e/emulators/provider-harness";
import type { RawFaultBody } from "@/e2e/emulators/types";
import { secretVersionKey } from "@/lib/secrets/secret-key";
import { replaceSecretsLogger } from "@/lib/secrets/secrets-log";
import { SecretsCache, type CachedOutcome } from "./secrets-cache";

let harness: ProviderHarness;
const BODIES: RawFaultBody[] = ["xml", "html", "empty"];
const POLICY = { ttlMs: 60_000, graceMs: 15 * 60_000 };
const SDK_INTERNALS = ["Deserialization", "$response", "SyntaxError", "Unexpected token", "Cannot read properties"];

beforeAll(async () => {
  harness = await startProviderHarness();
}, 60_000);
afterAll(() => harness?.stop());
beforeEach(() => harness.reset());

/** A warm cache entry, then the TTL passes and the next read meets `status` with `body`. */
async function afterExpiry(p: EmulatedProvider, status: number, body: RawFaultBody): Promise<{ outcome: CachedOutcome; reads: number }> {
  let now = 1_000_000;
  const cache = new SecretsCache({ windowMs: 1, now: () => now });
  const handle = { id: 1, revision: 1, workspaceId: 1, provider: p.provider() };
  expect(await cache.get(handle, p.ref, POLICY)).toMatchObject({ ok: true, source: "provider" });
  now += POLICY.ttlMs + 1;
  p.emulator.resetCalls();
  p.emulator.injectFault(persistent({ kind: "raw", status, body }, p.readOp));
  const outcome = await cache.get(handle, p.ref, POLICY);
  p.emulator.clearFaults();
  return { outcome, reads: p.emulator.calls()[p.readOp] ?? 0 };
}

function expectPlainMessage(outcome: CachedOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.source}`);
  const shown = JSON.stringify(outcome.error.toJSON());
  for (const internal of SDK_INTERNALS) expect(shown).not.toContain(internal);
  expect(shown).not.toContain("<html");
  return outcome.error;
}

describe.each(["aws", "azure", "gcp", "vault"] as const)("%s: unreadable answers", (kind) => {
  const p = () => harness.providers.find((x) => x.kind === kind)!;

  it.each(BODIES)("a 403 with a %s body is a denial: the stale value is not served, and it is not retried", async (body) => {
    const { outcome, reads } = await afterExpiry(p(), 403, body);
    const error = expectPlainMessage(outcome);
    expect(error.category).toBe("authorization");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("403");
    expect(reads).toBe(1);
  });

  it("a 401 with an HTML body is a denial too", async () => {
    const error = expectPlainMessage((await afterExpiry(p(), 401, "html")).outcome);
    expect(["authentication", "authorization"]).toContain(error.category);
  });

  it("a 404 with an empty body is not found, not an outage", async () => {
    const error = expectPlainMessage((await afterExpiry(p(), 404, "empty")).outcome);
    expect(error).toMatchObject({ code: "not_found", category: "authorization" });
  });

  it.each([
    [503, "html"],
    [429, "empty"],
  ] as const)("a %s with a %s body is an outage: the last good value is served, after at most 3 attempts", async (status, body) => {
    const { outcome, reads } = await afterExpiry(p(), status, body);
    expect(outcome).toMatchObject({ ok: true, source: "stale" });
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(3);
  });

  it("the listing classifies an unreadable 403 as a denial as well", async () => {
    p().emulator.injectFault(persistent({ kind: "raw", status: 403, body: "html" }));
    const error = await p()
      .provider()
      .listSecrets()
      .then(
        () => undefined,
        (err: unknown) => err as { category?: string; message?: string },
      );
    expect(error?.category).toBe("authorization");
    expect(error?.message).not.toMatch(/SyntaxError|Unexpected token|Deserialization|<html/);
  });

  it("logs the denial for support: provider, code, status and the SDK's own (scrubbed) text, never a value", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const restore = replaceSecretsLogger(pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
    try {
      await afterExpiry(p(), 403, "html");
    } finally {
      restore();
    }
    const failed = lines.find((l) => l.event === "secrets.provider_failed");
    expect(failed).toMatchObject({ level: 40, category: "authorization", attempts: 1 });
    expect(failed?.provider).toMatch(/AWS|Azure|Google|Vault/);
    expect(lines.some((l) => l.event === "secrets.cache_revoked" && l.secret === secretVersionKey(p().ref))).toBe(true);
    // The proxy's page may be logged (it is what support needs); the secret's value never is.
    expect(JSON.stringify(lines)).not.toMatch(/db-pass-1|demo-db-password/);
  });
});
