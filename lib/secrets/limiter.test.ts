import { describe, expect, it } from "vitest";
import { CallLimiter } from "./limiter";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function tracked(limiter: CallLimiter) {
  let active = 0;
  let peak = 0;
  const order: string[] = [];
  const call = (name: string, ms: number, priority: "interactive" | "background" = "background", cost = 1, tag?: object) =>
    limiter.run(
      cost,
      priority,
      async () => {
        active += cost;
        peak = Math.max(peak, active);
        await sleep(ms);
        active -= cost;
        order.push(name);
      },
      tag,
    );
  return { call, order, peak: () => peak };
}

describe("CallLimiter", () => {
  it("never has more requests in flight than allowed, background keeping slots free for interactive calls", async () => {
    const limiter = new CallLimiter({ maxInFlight: 10, ratePerSecond: Number.POSITIVE_INFINITY, burst: 10 });
    const t = tracked(limiter);
    await Promise.all(Array.from({ length: 60 }, (_, i) => t.call(`b${i}`, 3)));
    expect(t.peak()).toBe(9); // one slot of ten is reserved for interactive calls
    expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0, maxInFlightSeen: 9 });
  });

  it("counts a call's cost in requests against both limits", async () => {
    const limiter = new CallLimiter({ maxInFlight: 10, ratePerSecond: Number.POSITIVE_INFINITY, burst: 10 });
    const t = tracked(limiter);
    await Promise.all(Array.from({ length: 12 }, (_, i) => t.call(`b${i}`, 3, "interactive", 4)));
    expect(t.peak()).toBe(8);
  });

  it("spreads a burst at the configured rate", async () => {
    const limiter = new CallLimiter({ maxInFlight: 50, ratePerSecond: 200, burst: 5 });
    const t = tracked(limiter);
    const started = performance.now();
    await Promise.all(Array.from({ length: 25 }, (_, i) => t.call(`b${i}`, 0, "interactive")));
    // 5 at once, then 20 more at 200/s: at least 100 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it("serves an interactive call before a queued background burst", async () => {
    const limiter = new CallLimiter({ maxInFlight: 4, ratePerSecond: Number.POSITIVE_INFINITY, burst: 4 });
    const t = tracked(limiter);
    const burst = Array.from({ length: 100 }, (_, i) => t.call(`b${i}`, 2));
    await sleep(1);
    await t.call("user", 1, "interactive");
    expect(t.order.length).toBeLessThan(10); // the user's call finished while most of the burst still waited
    await Promise.all(burst);
    expect(t.order).toHaveLength(101);
  });

  it("promotes a queued background call that an interactive request needs", async () => {
    const limiter = new CallLimiter({ maxInFlight: 2, ratePerSecond: Number.POSITIVE_INFINITY, burst: 2 });
    const t = tracked(limiter);
    const tag = {};
    const burst = Array.from({ length: 50 }, (_, i) => t.call(`b${i}`, 2, "background", 1, i === 49 ? tag : undefined));
    await sleep(1);
    limiter.promote(tag);
    await burst[49];
    expect(t.order.length).toBeLessThan(10);
    await Promise.all(burst);
  });

  it("gives the slot back when the call throws, even synchronously", async () => {
    const limiter = new CallLimiter({ maxInFlight: 1, ratePerSecond: Number.POSITIVE_INFINITY, burst: 1 });
    await expect(
      limiter.run(1, "interactive", () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(limiter.run(1, "interactive", async () => "ok")).resolves.toBe("ok");
    expect(limiter.stats().inFlight).toBe(0);
  });
});
