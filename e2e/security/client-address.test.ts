// Issue 13 item 2: a client cannot choose the address sign-in throttling keys on. The server entry's header
// rewriting (lib/net/client-address.ts) runs here in a real node:http server on loopback, with a handler that
// reports what Next would see; e2e/security/client-address.spec.ts proves it through the built console.
import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseEnv } from "@/lib/env";
import { parseTrustedProxies, resolveClientAddress, rewriteForwardingHeaders, type TrustedProxies } from "@/lib/net/client-address";

let server: Server | undefined;

afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** Starts the rewriting in front of a handler that echoes the forwarding headers it receives. */
async function echoServer(trust: TrustedProxies): Promise<string> {
  server = createServer((req, res) => {
    rewriteForwardingHeaders(req, trust);
    const seen = Object.fromEntries(["x-forwarded-for", "x-real-ip", "forwarded", "x-forwarded-host"].map((h) => [h, req.headers[h] ?? null]));
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(seen));
  });
  await new Promise<void>((ok) => server!.listen(0, "127.0.0.1", ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const forged = { "X-Forwarded-For": "203.0.113.7", "X-Real-IP": "203.0.113.8", Forwarded: "for=203.0.113.9", "X-Forwarded-Host": "evil.example" };

describe("the server entry's client address", () => {
  it("by default overwrites forged forwarding headers with the socket address", async () => {
    const url = await echoServer(parseTrustedProxies(""));
    const seen = await (await fetch(url, { headers: forged })).json();
    expect(seen).toEqual({ "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", forwarded: null, "x-forwarded-host": null });
  });

  it("honours the header of a trusted proxy (CIDR), and only the part the proxy vouches for", async () => {
    const url = await echoServer(parseTrustedProxies("127.0.0.0/8"));
    const seen = await (await fetch(url, { headers: { ...forged, "X-Forwarded-For": "198.51.100.4, 192.0.2.10" } })).json();
    expect(seen).toEqual({ "x-forwarded-for": "192.0.2.10", "x-real-ip": "192.0.2.10", forwarded: null, "x-forwarded-host": "evil.example" });
  });

  it("walks back through trusted proxies only", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32");
    expect(resolveClientAddress("::ffff:10.1.2.3", "198.51.100.4, 192.0.2.10, 10.9.9.9", trust)).toBe("192.0.2.10");
    expect(resolveClientAddress("2001:db8::1", "10.0.0.5", trust)).toBe("10.0.0.5");
    expect(resolveClientAddress("192.0.2.99", "10.0.0.5", trust)).toBe("192.0.2.99");
    // Garbage a trusted proxy passed on ends the walk at that proxy.
    expect(resolveClientAddress("10.0.0.1", "not-an-ip", trust)).toBe("10.0.0.1");
  });

  it("counts hops when TRUSTED_PROXIES is a number", () => {
    const two = parseTrustedProxies("2");
    expect(resolveClientAddress("10.0.0.1", "1.1.1.1, 198.51.100.4, 10.0.0.2", two)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.1", undefined, two)).toBe("10.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.7", parseTrustedProxies("0"))).toBe("127.0.0.1");
  });

  it("is validated with the rest of the configuration, trusting none by default", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual({ kind: "none" });
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" })).toThrow(/TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "99" })).toThrow(/TRUSTED_PROXIES: a hop count must be at most 10/);
  });
});
