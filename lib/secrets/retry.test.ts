import { describe, expect, it } from "vitest";
import { withRetries } from "./retry";
import { SecretsError, throttled, providerError } from "./errors";

const classify = (err: unknown) => (err instanceof SecretsError ? err : providerError("Test provider", String(err)));

describe("withRetries", () => {
  it("retries throttling and then succeeds", async () => {
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw throttled("Test provider");
        return "ok";
      },
      { provider: "Test provider", classify, policy: { baseDelayMs: 1 } },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("does not retry a non-retryable error", async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new Error("AccessDenied");
        },
        { provider: "Test provider", classify },
      ),
    ).rejects.toMatchObject({ code: "provider_error" });
    expect(calls).toBe(1);
  });

  it("times out a hung attempt and gives up at the overall deadline", async () => {
    const started = Date.now();
    let calls = 0;
    await expect(
      withRetries(
        () => {
          calls++;
          return new Promise<never>(() => {});
        },
        {
          provider: "Test provider",
          classify,
          policy: { attemptTimeoutMs: 50, overallTimeoutMs: 200, baseDelayMs: 1 },
        },
      ),
    ).rejects.toMatchObject({ code: "timeout" });
    const elapsed = Date.now() - started;
    // It stops at the deadline, or earlier when less than a useful attempt (50 ms) is left.
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1_000);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it("aborts the attempt's signal on timeout", async () => {
    let aborted = false;
    await expect(
      withRetries(
        (signal) =>
          new Promise<never>(() => {
            signal.addEventListener("abort", () => (aborted = true));
          }),
        { provider: "Test provider", classify, policy: { attemptTimeoutMs: 20, overallTimeoutMs: 20 } },
      ),
    ).rejects.toMatchObject({ code: "timeout" });
    expect(aborted).toBe(true);
  });
});

describe("withRetries at the deadline", () => {
  it("reports the last real cause, not a timeout, when retryable failures fill the deadline", async () => {
    await expect(
      withRetries(
        async () => {
          throw throttled("Test provider");
        },
        { provider: "Test provider", classify, policy: { overallTimeoutMs: 100, baseDelayMs: 5, maxDelayMs: 10 } },
      ),
    ).rejects.toMatchObject({ code: "throttled" });
  });
});
