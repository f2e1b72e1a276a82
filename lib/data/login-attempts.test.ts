import { describe, expect, it } from "vitest";
import { checkLoginThrottle, clearLoginFailures, delayAfter, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT, recordLoginAttempt } from "./login-attempts";

describe("login throttling (real SQLite)", () => {
  it("delays an account+client progressively from the 3rd failure, capped", async () => {
    expect([1, 2, 3, 4, 5, 20].map(delayAfter)).toEqual([0, 0, 4, 8, 16, 300]);
    const t0 = Date.now();
    for (let i = 0; i < 2; i++) await recordLoginAttempt("d@t.local", "ip-d", false, new Date(t0));
    expect((await checkLoginThrottle("d@t.local", "ip-d", { now: new Date(t0) })).blocked).toBe(false);
    await recordLoginAttempt("d@t.local", "ip-d", false, new Date(t0));
    expect(await checkLoginThrottle("d@t.local", "ip-d", { now: new Date(t0 + 1000) })).toMatchObject({ blocked: true, retryAfterSeconds: 3, reason: "delay" });
    expect((await checkLoginThrottle("d@t.local", "ip-d", { now: new Date(t0 + 4000) })).blocked).toBe(false);
    // The delay is per client: the owner elsewhere is not slowed down.
    expect((await checkLoginThrottle("d@t.local", "ip-owner", { now: new Date(t0 + 1000) })).blocked).toBe(false);
  });

  it("stops unknown devices at the per-account ceiling, but not a known device, and unlock clears it", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await recordLoginAttempt("a@t.local", `ip-${i}`, false);
    expect(await checkLoginThrottle("a@t.local", "ip-new")).toMatchObject({ blocked: true, reason: "account" });
    expect((await checkLoginThrottle("a@t.local", "ip-new", { knownDevice: true })).blocked).toBe(false);
    expect((await checkLoginThrottle("other@t.local", "ip-new")).blocked).toBe(false);
    expect(await clearLoginFailures("A@t.local")).toBe(MAX_FAILURES_PER_ACCOUNT);
    expect((await checkLoginThrottle("a@t.local", "ip-new")).blocked).toBe(false);
  });

  it("blocks a client spraying many accounts, even after it signs in somewhere", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) await recordLoginAttempt(`spray${i}@t.local`, "ip-spray", false);
    await recordLoginAttempt("mine@t.local", "ip-spray", true);
    expect(await checkLoginThrottle("fresh@t.local", "ip-spray")).toMatchObject({ blocked: true, reason: "client" });
    expect((await checkLoginThrottle("fresh@t.local", "ip-clean")).blocked).toBe(false);
  });

  it("forgets failures once the window has passed", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await recordLoginAttempt("w@t.local", "ip-w", false);
    const later = new Date(Date.now() + 61 * 60_000);
    expect((await checkLoginThrottle("w@t.local", "ip-w", { now: later })).blocked).toBe(false);
  });
});
