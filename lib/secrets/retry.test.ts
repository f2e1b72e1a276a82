import pino from "pino";
import { describe, expect, it } from "vitest";
import { withRetries } from "./retry";
import { SecretsError, notFound, throttled, providerError } from "./errors";
import { invalidPageToken, throttledCall } from "./http-status";
import { replaceSecretsLogger } from "./secrets-log";

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

  it("times out a hung attempt, and gives up after three attempts inside the overall deadline", async () => {
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
          policy: { attemptTimeoutMs: 50, overallTimeoutMs: 2_000, baseDelayMs: 1 },
        },
      ),
    ).rejects.toMatchObject({ code: "timeout" });
    const elapsed = Date.now() - started;
    // Three attempts of 50 ms each, well inside the deadline: the attempt budget ends it, not the deadline.
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1_500);
    expect(calls).toBe(3);
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

describe("withRetries: the retry budget", () => {
  const failing = (error: () => SecretsError) => {
    const calls: number[] = [];
    const operation = async () => {
      calls.push(Date.now());
      throw error();
    };
    return { calls, operation };
  };

  it("makes at most 3 attempts for a provider that keeps throttling, however long the deadline", async () => {
    const { calls, operation } = failing(() => throttled("Test provider"));
    await expect(withRetries(operation, { provider: "Test provider", classify, policy: { baseDelayMs: 1, maxDelayMs: 2 } })).rejects.toMatchObject({
      code: "throttled",
    });
    expect(calls).toHaveLength(3);
  });

  it("never retries a denial, a not-found or an invalid request", async () => {
    for (const error of [
      () => new SecretsError({ code: "access_denied", category: "authorization", message: "denied", fix: "" }),
      () => notFound("x"),
      () => invalidPageToken("Test provider"),
    ]) {
      const { calls, operation } = failing(error);
      await expect(withRetries(operation, { provider: "Test provider", classify, policy: { baseDelayMs: 1 } })).rejects.toBeInstanceOf(SecretsError);
      expect(calls).toHaveLength(1);
    }
  });

  it("waits at least the provider's Retry-After before the next attempt", async () => {
    const { calls, operation } = failing(() => throttledCall({ provider: "Test provider", operation: "Read", status: 429, retryAfterMs: 120 }));
    await expect(withRetries(operation, { provider: "Test provider", classify, random: () => 0, policy: { baseDelayMs: 1 } })).rejects.toMatchObject({
      code: "throttled",
    });
    expect(calls).toHaveLength(3);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(110);
  });

  it("stops at once when the Retry-After ends beyond the deadline", async () => {
    const { calls, operation } = failing(() => throttledCall({ provider: "Test provider", operation: "Read", status: 429, retryAfterMs: 60_000 }));
    await expect(withRetries(operation, { provider: "Test provider", classify, policy: { overallTimeoutMs: 1_000 } })).rejects.toMatchObject({
      code: "throttled",
    });
    expect(calls).toHaveLength(1);
  });

  it("logs each retry and the exhausted budget, with the SDK's text scrubbed and no value", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const restore = replaceSecretsLogger(pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
    try {
      const sdkError = Object.assign(new SyntaxError(`Unexpected token '<', "<html>secret-looking-body" is not valid JSON`), {
        $metadata: { httpStatusCode: 503 },
      });
      const unreadable = () => throttledCall({ provider: "Test provider", operation: "Read", status: 503 });
      await expect(
        withRetries(
          async () => {
            throw sdkError;
          },
          { provider: "Test provider", classify: unreadable, policy: { baseDelayMs: 1 } },
        ),
      ).rejects.toMatchObject({ code: "throttled" });
    } finally {
      restore();
    }
    expect(lines.filter((l) => l.event === "secrets.retry")).toHaveLength(2);
    const exhausted = lines.find((l) => l.event === "secrets.retries_exhausted");
    expect(exhausted).toMatchObject({ provider: "Test provider", code: "throttled", attempts: 3, status: 503, sdkError: "SyntaxError" });
    expect(JSON.stringify(lines)).not.toContain("secret-looking-body");
  });
});
