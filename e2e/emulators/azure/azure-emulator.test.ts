// Wire-level checks of the emulator against the shapes of the real services (the SDK-level behaviour is
// covered by lib/secrets/providers/azure/azure-provider.test.ts).
import http from "node:http";
import https from "node:https";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tmpdir } from "node:os";
import { startAzureEmulator, type AzureFixture, type RunningAzureEmulator } from "./index";
import { azureAppEnv } from "./launcher";

const fixture = JSON.parse(readFileSync(path.join(__dirname, "demo-fixture.json"), "utf8")) as AzureFixture;
const TENANT = "00000000-0000-0000-0000-0000000000aa";
const APP = "11111111-2222-3333-4444-555555555555";
const VAULT_HOST = "keyhold-demo.vault.azure.net";

let emulator: RunningAzureEmulator;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** HTTPS to the emulator's port, presenting `host` by SNI and Host header, as a tunnelled client would. */
function tls(method: string, host: string, pathAndQuery: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: "127.0.0.1", port: emulator.port, servername: host, method, path: pathAndQuery, ca: emulator.caCertPem, headers: { host, ...headers } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function plain(method: string, pathAndQuery: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: emulator.port, method, path: pathAndQuery }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function tokenRequest(secret: string) {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: APP, client_secret: secret, scope: "https://vault.azure.net/.default" });
  return tls("POST", "login.microsoftonline.com", `/${TENANT}/oauth2/v2.0/token`, form.toString(), { "content-type": "application/x-www-form-urlencoded" });
}

beforeAll(async () => {
  emulator = await startAzureEmulator({ fixture });
});
afterAll(async () => {
  await emulator?.close();
});

describe("Azure emulator wire format", () => {
  it("challenges an unauthenticated Key Vault request like the service", async () => {
    const reply = await tls("GET", VAULT_HOST, "/secrets/db-password/?api-version=2025-07-01");
    expect(reply.status).toBe(401);
    expect(reply.headers["www-authenticate"]).toBe(`Bearer authorization="https://login.microsoftonline.com/${TENANT}", resource="https://vault.azure.net"`);
    expect(JSON.parse(reply.body)).toEqual({ error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } });
  });

  it("issues tokens Key Vault accepts, and pages listings with nextLink", async () => {
    const token = JSON.parse((await tokenRequest("demo-client-secret")).body) as { token_type: string; access_token: string; expires_in: number };
    expect(token.token_type).toBe("Bearer");
    expect(token.expires_in).toBeGreaterThan(3000);
    const auth = { authorization: `Bearer ${token.access_token}` };
    const first = await tls("GET", VAULT_HOST, "/secrets?api-version=2025-07-01&maxresults=2", undefined, auth);
    const page = JSON.parse(first.body) as { value: Array<{ id: string }>; nextLink: string };
    expect(page.value.map((v) => v.id)).toEqual([`https://${VAULT_HOST}/secrets/api-token`, `https://${VAULT_HOST}/secrets/db-password`]);
    expect(page.nextLink).toMatch(new RegExp(`^https://${VAULT_HOST}:443/secrets\\?api-version=2025-07-01&\\$skiptoken=.+&maxresults=2$`));
    const next = new URL(page.nextLink);
    const second = JSON.parse((await tls("GET", VAULT_HOST, `${next.pathname}${next.search}`, undefined, auth)).body) as { value: unknown[]; nextLink: null };
    expect(second).toMatchObject({ value: [{ id: `https://${VAULT_HOST}/secrets/stripe-key` }], nextLink: null });
    const versions = JSON.parse((await tls("GET", VAULT_HOST, "/secrets/db-password/versions?api-version=2025-07-01", undefined, auth)).body) as {
      value: Array<{ id: string }>;
    };
    expect(versions.value.map((v) => v.id.split("/").pop())).toEqual(["0a1b2c3d4e5f60718293a4b5c6d7e8f9", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"]);
    const tooMany = await tls("GET", VAULT_HOST, "/secrets?api-version=2025-07-01&maxresults=26", undefined, auth);
    expect(JSON.parse(tooMany.body).error.code).toBe("BadParameter");
  });

  it("answers an expired client secret with Entra's AADSTS7000222 shape", async () => {
    emulator.setState({ op: "expireClientSecret", clientId: APP });
    try {
      const reply = await tokenRequest("demo-client-secret");
      expect(reply.status).toBe(401);
      const body = JSON.parse(reply.body) as Record<string, unknown>;
      expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000222] });
      expect(body.error_description).toMatch(
        /^AADSTS7000222: The provided client secret keys for app '11111111-2222-3333-4444-555555555555' are expired\..* Trace ID: \S+ Correlation ID: \S+ Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
      );
      expect(Object.keys(body)).toEqual(expect.arrayContaining(["timestamp", "trace_id", "correlation_id"]));
    } finally {
      emulator.setState({ op: "reset" });
    }
  });

  it("serves discovery: OpenID configuration, instance discovery, unknown instances", async () => {
    const config = JSON.parse((await tls("GET", "login.microsoftonline.com", `/${TENANT}/v2.0/.well-known/openid-configuration`)).body);
    expect(config.token_endpoint).toBe(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`);
    expect(config.issuer).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0`);
    const known = await tls(
      "GET",
      "login.microsoftonline.com",
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`)}`,
    );
    expect(JSON.parse(known.body).metadata[0].aliases).toContain("login.windows.net");
    const unknown = await tls(
      "GET",
      "login.microsoftonline.com",
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent("https://login.example.test/x/oauth2/v2.0/authorize")}`,
    );
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toBe("invalid_instance");
  });

  it("exposes the control API over plain HTTP and refuses to proxy outside its hosts", async () => {
    await plain("POST", "/_emulator/calls/reset");
    await plain("POST", "/_emulator/faults", { kind: "throttle", operation: "token" });
    const throttled = await tokenRequest("demo-client-secret");
    expect(throttled.status).toBe(429);
    expect(JSON.parse((await plain("GET", "/_emulator/calls")).body)).toEqual({ token: 1 });
    const state = await plain("POST", "/_emulator/state", { op: "setSecret", name: "db-password", value: "rotated" });
    expect(JSON.parse(state.body)).toMatchObject({ ok: true, version: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect((await plain("POST", "/_emulator/state", { op: "disableVersion", name: "nope" })).status).toBe(400);
    expect((await plain("POST", "/_emulator/state", { op: "reset" })).status).toBe(200);
    expect((await plain("GET", "/_emulator/ca.pem")).body).toContain("BEGIN CERTIFICATE");

    const refused = await new Promise<number>((resolve, reject) => {
      http
        .request({ host: "127.0.0.1", port: emulator.port, method: "CONNECT", path: "example.com:443" })
        .on("connect", (res, socket) => {
          socket.destroy();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject)
        .end();
    });
    expect(refused).toBe(502);

    // Loopback targets are tunnelled, so other local emulators stay reachable through the proxy.
    const tunnelled = await new Promise<string>((resolve, reject) => {
      http
        .request({ host: "127.0.0.1", port: emulator.port, method: "CONNECT", path: `127.0.0.1:${emulator.port}` })
        .on("connect", (res, socket) => {
          expect(res.statusCode).toBe(200);
          let text = "";
          socket.on("data", (c: Buffer) => (text += c.toString()));
          socket.on("end", () => resolve(text));
          socket.write("GET /_emulator/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        })
        .on("error", reject)
        .end();
    });
    expect(tunnelled).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("gives a launcher the app environment: CA bundle, proxy, loopback bypass", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "azure-emu-"));
    try {
      writeFileSync(path.join(dir, "corp.pem"), "-----BEGIN CERTIFICATE-----\ncorp\n-----END CERTIFICATE-----\n");
      const env = azureAppEnv(emulator, path.join(dir, "ca.pem"), { NODE_EXTRA_CA_CERTS: path.join(dir, "corp.pem"), NO_PROXY: "*" });
      expect(env).toEqual({ NODE_EXTRA_CA_CERTS: path.join(dir, "ca.pem"), HTTPS_PROXY: emulator.proxyUrl, NO_PROXY: "127.0.0.1,localhost,::1" });
      const bundle = readFileSync(env.NODE_EXTRA_CA_CERTS!, "utf8");
      expect(bundle).toContain("corp");
      expect(bundle).toContain(emulator.caCertPem.trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
