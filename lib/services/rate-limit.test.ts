import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { callerKey, RateLimitedError, RateLimiter } from "./rate-limit";

const LIMITS = { test: { max: 3, windowMs: 60_000 }, refresh: { max: 2, windowMs: 60_000 }, browse: { max: 5, windowMs: 10_000 } };

function limiter() {
  let now = 1_000_000;
  const l = new RateLimiter(LIMITS, () => now);
  return { l, advance: (ms: number) => (now += ms) };
}

describe("the rate limiter", () => {
  it("allows the limit, refuses the next call with the seconds until one is free", () => {
    const { l } = limiter();
    for (let i = 0; i < 3; i++) expect(l.take("test", "user:1")).toEqual({ ok: true });
    expect(l.take("test", "user:1")).toEqual({ ok: false, retryAfterSeconds: 20 }); // 3 per minute: one every 20 s
  });

  it("keeps callers and kinds apart", () => {
    const { l } = limiter();
    for (let i = 0; i < 3; i++) l.take("test", "user:1");
    expect(l.take("test", "user:1").ok).toBe(false);
    expect(l.take("test", "user:2").ok).toBe(true);
    expect(l.take("test", "token:1").ok).toBe(true);
    expect(l.take("refresh", "user:1").ok).toBe(true);
  });

  it("frees calls as time passes, and the whole allowance after a window", () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) l.take("test", "user:1");
    expect(l.take("test", "user:1").ok).toBe(false);
    advance(20_000);
    expect(l.take("test", "user:1").ok).toBe(true);
    expect(l.take("test", "user:1").ok).toBe(false);
    advance(60_000);
    for (let i = 0; i < 3; i++) expect(l.take("test", "user:1").ok, `call ${i + 1}`).toBe(true);
    expect(l.take("test", "user:1").ok).toBe(false);
  });

  it("refused calls do not push the retry time further out", () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) l.take("test", "user:1");
    for (let i = 0; i < 10; i++) l.take("test", "user:1");
    advance(20_000);
    expect(l.take("test", "user:1").ok).toBe(true);
  });

  it("throws a THROTTLED error that carries the retry time", () => {
    const { l } = limiter();
    for (let i = 0; i < 2; i++) l.enforce("refresh", "user:1");
    let caught: unknown;
    try {
      l.enforce("refresh", "user:1");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RateLimitedError);
    expect(caught).toMatchObject({ code: "THROTTLED", retryAfterSeconds: 30, message: "Too many refreshes. Try again in 30 seconds." });
  });

  it("counts tokens by token id and people by user id", () => {
    expect(callerKey({ userId: 4 })).toBe("user:4");
    expect(callerKey({ userId: 0, apiTokenId: 9 })).toBe("token:9");
    expect(callerKey({ tokenId: 9 })).toBe("token:9");
  });

  it("reads its limits from the environment, with defaults", () => {
    expect(parseEnv({})).toMatchObject({ RATE_LIMIT_TEST_PER_MINUTE: 30, RATE_LIMIT_REFRESH_PER_MINUTE: 30, RATE_LIMIT_BROWSE_PER_MINUTE: 120 });
    expect(parseEnv({ RATE_LIMIT_TEST_PER_MINUTE: "5" }).RATE_LIMIT_TEST_PER_MINUTE).toBe(5);
    expect(() => parseEnv({ RATE_LIMIT_BROWSE_PER_MINUTE: "0" })).toThrow(/RATE_LIMIT_BROWSE_PER_MINUTE/);
  });
});
