import { describe, expect, it } from "vitest";
import { issueSetupToken, retireSetupToken, setupBanner, verifySetupToken } from "./setup-token";

describe("the one-time setup token", () => {
  it("is issued once per process, accepted exactly, and never again once retired", () => {
    const token = issueSetupToken();
    expect(token).toMatch(/^kh_setup_[A-Za-z0-9_-]{32}$/);
    expect(issueSetupToken()).toBeNull(); // already printed: a second page view does not print another
    expect(verifySetupToken(token!)).not.toBeNull();
    expect(verifySetupToken(` ${token!}\n`)).not.toBeNull(); // pasted with the line's whitespace
    expect(verifySetupToken(`${token!}x`)).toBeNull();
    expect(verifySetupToken("")).toBeNull();
    retireSetupToken();
    expect(verifySetupToken(token!)).toBeNull();
    expect(issueSetupToken()).toBeNull();
  });

  it("is printed on a line the operator can find", () => {
    const banner = setupBanner("kh_setup_abc");
    expect(banner).toContain("Setup token: kh_setup_abc");
    expect(banner).toContain("/setup");
  });
});
