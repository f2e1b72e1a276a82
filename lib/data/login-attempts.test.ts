import { describe, expect, it } from "vitest";
import { checkLoginThrottle, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT, recordLoginAttempt } from "./login-attempts";

describe("login throttling (real SQLite)", () => {
  it("blocks an account after repeated failures, and a success before that resets it", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await recordLoginAttempt("a@t.local", `ip-${i}`, false);
    expect((await checkLoginThrottle("a@t.local", "ip-x")).blocked).toBe(false);
    await recordLoginAttempt("a@t.local", "ip-y", false);
    const state = await checkLoginThrottle("a@t.local", "ip-z");
    expect(state.blocked).toBe(true);
    expect(state.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect((await checkLoginThrottle("other@t.local", "ip-z")).blocked).toBe(false);
  });

  it("unblocks once the window has passed", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await recordLoginAttempt("w@t.local", "ip-w", false);
    const later = new Date(Date.now() + 16 * 60_000);
    expect((await checkLoginThrottle("w@t.local", "ip-other", later)).blocked).toBe(false);
  });

  it("blocks a client spraying many accounts, even after it signs in somewhere", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) await recordLoginAttempt(`spray${i}@t.local`, "ip-spray", false);
    await recordLoginAttempt("mine@t.local", "ip-spray", true);
    expect((await checkLoginThrottle("fresh@t.local", "ip-spray")).blocked).toBe(true);
    expect((await checkLoginThrottle("fresh@t.local", "ip-clean")).blocked).toBe(false);
  });
});
