// The retry budget against each provider's emulator (the bench's failing-provider figure, asserted): one Test
// against a throttling or failing provider makes at most 3 calls per step, and the read that follows in the
// same action does not reach the provider at all.
import { describe, expect, it } from "vitest";
import { measureFailingProviders, withinBudget } from "@/e2e/bench/failing-provider-figures";

describe("retry budget against a failing provider", () => {
  it("makes at most 3 calls per step of a Test, and none for the next step of the action", async () => {
    const figures = await measureFailingProviders();
    expect(figures.map((f) => `${f.provider} ${f.fault}`)).toHaveLength(8);
    for (const f of figures) {
      expect(withinBudget(f), JSON.stringify(f)).toBe(true);
      expect(
        Object.values(f.testCalls).reduce((a, b) => a + b, 0),
        JSON.stringify(f),
      ).toBeGreaterThan(0);
      expect(["throttled", "unavailable", "timeout"], JSON.stringify(f)).toContain(f.error);
    }
  }, 120_000);
});
