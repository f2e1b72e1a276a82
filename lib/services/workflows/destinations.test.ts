import { describe, expect, it } from "vitest";
import { startWorkflowTarget } from "@/lib/testing/workflow-target";
import { destinationChecker, hostMatches } from "./destinations";
import { egressCheckedFetch } from "./egress-fetch";

describe("workflow destinations", () => {
  it("matches host, host:port and *.suffix patterns", () => {
    const u = new URL("https://api.example.com/x");
    expect(hostMatches("api.example.com", u)).toBe(true);
    expect(hostMatches("api.example.com:443", u)).toBe(true);
    expect(hostMatches("api.example.com:8443", u)).toBe(false);
    expect(hostMatches("*.example.com", u)).toBe(true);
    expect(hostMatches("*.example.com", new URL("https://example.com/"))).toBe(false);
    expect(hostMatches("*.example.com", new URL("https://evilexample.com/"))).toBe(false);
    expect(hostMatches("example.com", u)).toBe(false);
  });

  it("refuses only secret-bearing requests to hosts off the list, with the authorization error", () => {
    const check = destinationChecker(["api.example.com"]);
    expect(() => check({ url: "https://other.example.net/a", method: "GET", secretBearing: false, task: "/do/0/a" })).not.toThrow();
    expect(() => check({ url: "https://api.example.com/a", method: "GET", secretBearing: true, task: "/do/0/a" })).not.toThrow();
    expect(() => check({ url: "https://other.example.net/a", method: "GET", secretBearing: true, task: "/do/0/a" })).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ type: "https://serverlessworkflow.io/spec/1.0.0/errors/authorization", status: 403 }) }),
    );
  });

  it("the egress-checked fetch refuses loopback and metadata addresses before connecting", async () => {
    const f = egressCheckedFetch({ mode: "public", allowList: [] });
    await expect(f("http://127.0.0.1:9/x")).rejects.toMatchObject({ problem: { status: 403, detail: expect.stringContaining("loopback") } });
    await expect(f("http://169.254.169.254/latest/meta-data")).rejects.toMatchObject({ problem: { status: 403 } });
    await expect(f("file:///etc/passwd")).rejects.toMatchObject({ problem: { status: 400 } });
  });

  it("the egress-checked fetch reaches an allowed address and returns redirects unfollowed", async () => {
    const target = await startWorkflowTarget({ apiKey: "k", clientId: "c", clientSecret: "s" });
    try {
      const f = egressCheckedFetch({ mode: "public", allowList: ["127.0.0.1"] });
      const res = await f(`${target.url}/echo?q=1`, { method: "POST", headers: { "x-a": "b" }, body: "hi" });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ query: { q: "1" }, body: "hi", headers: { "x-a": "b" } });
      const moved = await f(`${target.url}/redirect`);
      expect(moved.status).toBe(302);
      expect(moved.headers.get("location")).toBe("http://elsewhere.invalid/x");
    } finally {
      await target.close();
    }
  });
});
