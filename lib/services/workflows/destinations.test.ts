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

  it("refuses only secret-bearing requests to hosts off the list, with the authorization error", async () => {
    const check = destinationChecker({ allowedHosts: ["api.example.com"], bindings: new Map([["k", ["api.example.com"]]]) });
    const req = (url: string, secretBearing: boolean) => ({ url, method: "GET", secretBearing, secrets: secretBearing ? ["k"] : [], task: "/do/0/a" });
    await expect(check(req("https://other.example.net/a", false))).resolves.toBeUndefined();
    await expect(check(req("https://api.example.com/a", true))).resolves.toBeUndefined();
    await expect(check(req("https://other.example.net/a", true))).rejects.toMatchObject({
      problem: { type: "https://serverlessworkflow.io/spec/1.0.0/errors/authorization", status: 403 },
    });
  });

  it("refuses a secret not bound to the host, and a reference the policy does not allow there", async () => {
    const policy = { kind: "vault" as const, entries: [{ secretPattern: "secret:billing", destinations: ["api.example.com:443"] }], owner: "o", approver: "a" };
    const refs = { policy, refs: [{ reference: "{{workato:sm:k:secret:billing}}", identity: "secret:billing" }] };
    const check = destinationChecker({
      allowedHosts: ["api.example.com", "*.example.org"],
      bindings: new Map([
        ["bound", ["api.example.com", "*.example.org"]],
        ["other", ["*.example.org"]],
      ]),
      referencesOf: () => refs,
    });
    const req = (url: string, secrets: string[]) => ({ url, method: "POST", secretBearing: true, secrets, task: "/do/0/a" });
    await expect(check(req("https://api.example.com/a", ["bound"]))).resolves.toBeUndefined();
    await expect(check(req("https://api.example.com/a", ["bound", "other"]))).rejects.toMatchObject({
      problem: { detail: expect.stringMatching(/^Secret other is not bound/) },
    });
    await expect(check(req("https://x.example.org/a", ["bound"]))).rejects.toMatchObject({ problem: { detail: expect.stringContaining("reference policy") } });
    await expect(check(req("https://api.example.com/a", ["unknown"]))).rejects.toMatchObject({ problem: { status: 403 } });
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
