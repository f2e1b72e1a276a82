import { describe, expect, it } from "vitest";
import { isRecentFor, mintRecentAuth, REAUTH_WINDOW_MS } from "./recent-auth";

describe("recent authentication", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  const at = (msAgo: number) => mintRecentAuth({ userId: 7, at: new Date(now - msAgo) });

  it("counts a password entered within five minutes, by the same user only", () => {
    expect(REAUTH_WINDOW_MS).toBe(5 * 60_000);
    expect(isRecentFor(at(0), 7, now)).toBe(true);
    expect(isRecentFor(at(REAUTH_WINDOW_MS), 7, now)).toBe(true);
    expect(isRecentFor(at(REAUTH_WINDOW_MS + 1), 7, now)).toBe(false);
    expect(isRecentFor(at(0), 8, now)).toBe(false);
    expect(isRecentFor(undefined, 7, now)).toBe(false);
    // A timestamp from the future (clock skew, a forged row) is not a confirmation.
    expect(isRecentFor(at(-60_000), 7, now)).toBe(false);
  });
});
