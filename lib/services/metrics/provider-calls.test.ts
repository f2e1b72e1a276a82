import { beforeEach, describe, expect, it } from "vitest";
import { minuteBuffer } from "@/lib/metrics/record";
import { exposition, metricsState } from "@/lib/metrics/registry";
import { notFound, unavailable } from "@/lib/secrets/errors";
import type { SecretsProvider } from "@/lib/secrets/types";
import { withCallMetrics } from "./provider-calls";
import { resolutionOutcome } from "./resolutions";

beforeEach(() => {
  metricsState().registry.resetMetrics();
  minuteBuffer().drain();
});

const fake = (fail?: Error): SecretsProvider => ({
  kind: "azure",
  test: async () => {
    if (fail) throw fail;
    return { ok: true, steps: [] } as never;
  },
  listSecrets: async () => {
    if (fail) throw fail;
    return { secrets: [] } as never;
  },
  fetchSecrets: async (refs) =>
    new Map(refs.map((r) => [JSON.stringify(r), fail ? { ok: false as const, error: notFound(JSON.stringify(r)) } : ({ ok: true } as never)])),
});

describe("provider call metrics", () => {
  it("counts each call by operation and outcome, timed, and passes results and errors through", async () => {
    let t = 0;
    const clock = () => (t += 150);
    const ok = withCallMetrics(fake(), 9, clock);
    await ok.listSecrets();
    const failing = withCallMetrics(fake(unavailable("Azure Key Vault")), 9, clock);
    await expect(failing.test()).rejects.toMatchObject({ category: "unavailable" });
    const fetched = await failing.fetchSecrets([{ kind: "azure", name: "payments-db-password" }]);
    expect([...fetched.values()][0]?.ok).toBe(false);
    const { body } = await exposition();
    expect(body).toContain('keyhold_provider_calls_total{provider="azure",operation="list",outcome="ok"} 1');
    expect(body).toContain('keyhold_provider_calls_total{provider="azure",operation="test",outcome="unavailable"} 1');
    expect(body).toContain('keyhold_provider_calls_total{provider="azure",operation="fetch",outcome="authorization"} 1');
    expect(body).toContain('keyhold_provider_call_duration_seconds_sum{provider="azure",operation="list"} 0.15');
    expect(body).not.toContain("payments-db-password");
    expect(
      minuteBuffer()
        .drain()
        .every((r) => r.workspaceId === 9),
    ).toBe(true);
  });

  it("names what the cache answered", () => {
    const payload = {} as never;
    expect(resolutionOutcome({ ok: true, payload, source: "cache", fetchedAt: 0 })).toBe("cache_hit");
    expect(resolutionOutcome({ ok: true, payload, source: "provider", fetchedAt: 0 })).toBe("cache_miss");
    expect(resolutionOutcome({ ok: true, payload, source: "stale", fetchedAt: 0 })).toBe("stale_served");
    expect(resolutionOutcome({ ok: false, error: notFound("x") })).toBe("denied");
    expect(resolutionOutcome({ ok: false, error: unavailable("AWS") })).toBe("failed");
  });
});
