// Fault modes that reproduce Key Vault and Entra answers the happy path never sees: bodies no SDK parses,
// ForbiddenByConnection / ForbiddenByPolicy denials, empty pages that still carry a nextLink, and 429 with the
// chosen Retry-After. Raw HTTPS, since the SDK hides error bodies and headers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ClientSecretCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";
import { trustTestCa } from "./trust-test-ca";
import { startAzureEmulator, type AzureFixture, type RunningAzureEmulator } from "./index";
import { demoAuth, DEMO_APP, DEMO_TENANT, DEMO_VAULT_HOST, postControl, tls, tokenRequest } from "./test-http";
import { resetEmulator } from "../reset";

const fixture = JSON.parse(readFileSync(path.join(__dirname, "demo-fixture.json"), "utf8")) as AzureFixture;
let emulator: RunningAzureEmulator;
let untrust: () => void;
const savedProxy = process.env.HTTPS_PROXY;
const get = async (pathAndQuery: string) => tls(emulator, "GET", DEMO_VAULT_HOST, pathAndQuery, undefined, await demoAuth(emulator));

beforeAll(async () => {
  emulator = await startAzureEmulator({ fixture });
  untrust = trustTestCa(emulator.caCertPem);
  process.env.HTTPS_PROXY = emulator.proxyUrl;
});
afterAll(async () => {
  untrust?.();
  if (savedProxy === undefined) delete process.env.HTTPS_PROXY;
  else process.env.HTTPS_PROXY = savedProxy;
  await emulator?.close();
});
beforeEach(() => resetEmulator(emulator));

describe("Azure emulator faults", () => {
  it("raw: the chosen status with a proxy's HTML, XML or nothing, on Key Vault and on the token endpoint", async () => {
    emulator.injectFault({ kind: "raw", operation: "getSecret", status: 403, body: "html" });
    const html = await get("/secrets/db-password?api-version=7.5");
    expect([html.status, html.headers["content-type"], html.headers["x-ms-request-id"]]).toEqual([403, "text/html", undefined]);
    expect(html.body).toContain("<h1>403 Forbidden</h1>");
    emulator.injectFault({ kind: "raw", operation: "listSecrets", status: 404, body: "xml" });
    const xml = await get("/secrets?api-version=7.5");
    expect([xml.status, xml.headers["content-type"]]).toEqual([404, "application/xml"]);
    emulator.injectFault({ kind: "raw", operation: "token", status: 401 });
    const token = await tokenRequest(emulator);
    expect([token.status, token.body]).toEqual([401, ""]);
    expect(await postControl(emulator, "/_emulator/faults", { kind: "raw", status: 200 })).toBe(400);
  });

  it("forbidden_by_connection: 403 with innererror ForbiddenByConnection naming the caller and the vault", async () => {
    expect(await postControl(emulator, "/_emulator/faults", { kind: "forbidden_by_connection", operation: "getSecret" })).toBe(200);
    const reply = await get("/secrets/db-password?api-version=7.5");
    expect(reply.status).toBe(403);
    expect(reply.headers["x-ms-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const { error } = JSON.parse(reply.body) as { error: { code: string; message: string; innererror: { code: string } } };
    expect([error.code, error.innererror.code]).toEqual(["Forbidden", "ForbiddenByConnection"]);
    expect(error.message).toMatch(
      /^Public network access is disabled and request is not from a trusted service nor via an approved private link\.\r\nCaller: appid=11111111-2222-3333-4444-555555555555;oid=.+\r\nVault: keyhold-demo;location=\w+$/,
    );
    expect((await get("/secrets/db-password?api-version=7.5")).status).toBe(200);
  });

  it("reaches the unmodified SDK as a RestError whose details keep the innererror code", async () => {
    const client = new SecretClient(`https://${DEMO_VAULT_HOST}`, new ClientSecretCredential(DEMO_TENANT, DEMO_APP, "demo-client-secret"), {
      retryOptions: { maxRetries: 0 },
    });
    emulator.injectFault({ kind: "forbidden_by_connection", operation: "getSecret" });
    const err = (await client.getSecret("db-password").catch((e: unknown) => e)) as {
      statusCode?: number;
      code?: string;
      details?: { error?: { innerError?: { code?: string } } };
    };
    // The SDK's deserializer renames the wire's `innererror` to `innerError`.
    expect([err.statusCode, err.code, err.details?.error?.innerError?.code]).toEqual([403, "Forbidden", "ForbiddenByConnection"]);
    expect((await client.getSecret("db-password")).value).toBeTruthy();
  });

  it("forbidden_by_policy: 403 with innererror ForbiddenByPolicy", async () => {
    emulator.injectFault({ kind: "forbidden_by_policy", operation: "listSecrets" });
    const { error } = JSON.parse((await get("/secrets?api-version=7.5")).body) as { error: { code: string; message: string; innererror: { code: string } } };
    expect([error.code, error.innererror.code]).toEqual(["Forbidden", "ForbiddenByPolicy"]);
    expect(error.message).toContain(`The policy requires the caller 'appid=${DEMO_APP};`);
  });

  it("empty_page: a page with no items but a nextLink that continues where it stood", async () => {
    emulator.injectFault({ kind: "empty_page", operation: "listSecrets" });
    const first = JSON.parse((await get("/secrets?api-version=7.5&maxresults=2")).body) as { value: unknown[]; nextLink: string };
    expect(first.value).toEqual([]);
    expect(first.nextLink).toBe(`https://${DEMO_VAULT_HOST}:443/secrets?api-version=7.5&maxresults=2`);
    const next = new URL(first.nextLink);
    const second = JSON.parse((await get(`${next.pathname}${next.search}`)).body) as { value: Array<{ id: string }>; nextLink: string | null };
    expect(second.value.map((v) => v.id.split("/").pop())).toEqual(["api-token", "db-password"]);
    expect(second.nextLink).not.toBeNull();
  });

  it("throttle: 429 with the chosen Retry-After, and every call counted", async () => {
    emulator.injectFault({ kind: "throttle", operation: "getSecret", retryAfterSeconds: 7 });
    const reply = await get("/secrets/db-password?api-version=7.5");
    expect([reply.status, reply.headers["retry-after"], JSON.parse(reply.body).error.code]).toEqual([429, "7", "Throttled"]);
    await get("/secrets/db-password?api-version=7.5");
    expect(emulator.calls()).toMatchObject({ token: 2, getSecret: 2 });
  });
});
