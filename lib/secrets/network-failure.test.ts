import { request } from "node:http";
import { freePort } from "@/lib/testing/free-port";
import { describe, expect, it } from "vitest";
import { networkFailureOf } from "./network-failure";

/** The error Node itself raises for a GET to `url`: the shapes SDKs pass on, not hand-written ones. */
function nodeErrorFor(url: string): Promise<Error> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: 5_000 }, () => reject(new Error(`${url} answered`)));
    req.on("error", resolve);
    req.end();
  });
}

describe("networkFailureOf", () => {
  it("names the address and port that refused the connection (Node's own error)", async () => {
    const port = await freePort();
    const failure = networkFailureOf(await nodeErrorFor(`http://127.0.0.1:${port}/`));
    expect(failure).toEqual({ code: "ECONNREFUSED", target: `127.0.0.1:${port}`, text: `connection refused by 127.0.0.1:${port} (ECONNREFUSED)` });
  });

  it("names the host that did not resolve (.invalid never resolves, RFC 6761)", async () => {
    const failure = networkFailureOf(await nodeErrorFor("http://vault.keyhold-test.invalid:8200/"));
    // Without any DNS server the lookup fails as EAI_AGAIN instead; either way the host is named.
    expect(["ENOTFOUND", "EAI_AGAIN"]).toContain(failure?.code);
    expect(failure?.target).toBe("vault.keyhold-test.invalid");
    expect(failure?.text).toMatch(/vault\.keyhold-test\.invalid/);
  });

  it("finds Node's error inside an SDK's wrapper (cause chain)", async () => {
    const port = await freePort();
    const wrapped = new Error("request failed", { cause: new Error("fetch failed", { cause: await nodeErrorFor(`http://127.0.0.1:${port}/`) }) });
    expect(networkFailureOf(wrapped)?.text).toBe(`connection refused by 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it("uses the configured host when the error does not say where it was going", () => {
    const bare = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    expect(networkFailureOf(bare, "kv.example.net")?.text).toBe("the connection to kv.example.net was lost (ECONNRESET)");
    expect(networkFailureOf(bare)?.text).toBe("the connection was lost (ECONNRESET)");
  });

  it("echoes only host-shaped text from the error's fields", () => {
    const odd = { code: "ENOTFOUND", hostname: "<script>alert(1)</script>" };
    expect(networkFailureOf(odd)).toEqual({ code: "ENOTFOUND", target: undefined, text: "the host name did not resolve (ENOTFOUND)" });
  });

  it("is undefined for errors that are not transport failures", () => {
    expect(networkFailureOf(Object.assign(new Error("x"), { code: "ERR_INVALID_URL" }))).toBeUndefined();
    expect(networkFailureOf(new Error("AccessDenied"))).toBeUndefined();
    expect(networkFailureOf("ECONNREFUSED")).toBeUndefined();
  });
});
