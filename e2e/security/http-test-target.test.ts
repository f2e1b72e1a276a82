// Threat 4 (a test path retargets the host) and the redirect rule of threat 5: an HTTP connection test sends
// its credential to the base URL's origin only. A loopback "attacker" listener fails the test if a request
// ever reaches it; each test also makes a control request that does reach the real target, so a refusal by
// the egress policy cannot pass for the fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { testHttp } from "@/lib/connections/testers/http";
import { parseConnectionForm } from "@/lib/validations/connections";

const CANARY = "canary-token-7f3a9";
const egress = { mode: "public" as const, allowList: ["127.0.0.1"] };
let target: http.Server, attacker: http.Server;
let targetPort = 0,
  attackerPort = 0;
const targetSaw: string[] = [];
const attackerSaw: string[] = [];

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  target = http.createServer((req, res) => {
    targetSaw.push(`${req.url} ${req.headers.authorization ?? ""}`);
    if (req.url === "/moved") res.writeHead(302, { location: `http://127.0.0.1:${attackerPort}/steal` }).end();
    else res.writeHead(200).end("ok");
  });
  attacker = http.createServer((req, res) => {
    attackerSaw.push(`${req.url} ${JSON.stringify(req.headers)}`);
    res.writeHead(200).end("thanks");
  });
  [targetPort, attackerPort] = [await listen(target), await listen(attacker)];
});

afterAll(async () => {
  await Promise.all([new Promise((r) => target.close(r)), new Promise((r) => attacker.close(r))]);
  expect(attackerSaw, "a request reached the attacker's listener").toEqual([]);
});

const run = (settings: Record<string, unknown>) =>
  testHttp({
    settings: { authKind: "bearer", baseUrl: `http://127.0.0.1:${targetPort}`, testPath: "/", ...settings },
    values: { token: CANARY },
    egress,
    timeoutMs: 5000,
  });

describe("an HTTP test sends its credential to the base URL's origin only", () => {
  it("control: a plain path reaches the target with the credential", async () => {
    const before = targetSaw.length;
    expect(await run({ testPath: "/health" })).toMatchObject({ ok: true });
    expect(targetSaw.slice(before)).toEqual([`/health Bearer ${CANARY}`]);
  });

  const retargeting = () => [
    `//127.0.0.1:${attackerPort}/x`,
    `http://127.0.0.1:${attackerPort}/x`,
    `\\\\127.0.0.1:${attackerPort}/x`,
    `/\\127.0.0.1:${attackerPort}/x`,
    `\\/127.0.0.1:${attackerPort}/x`,
    `/\t/127.0.0.1:${attackerPort}/x`,
    `/\n/127.0.0.1:${attackerPort}/x`,
    `/%2F127.0.0.1:${attackerPort}/x`,
    `/%5C127.0.0.1:${attackerPort}/x`,
    `/%252F%252F127.0.0.1:${attackerPort}/x`,
    `//user@127.0.0.1:${attackerPort}/x`,
  ];

  it("refuses every test path that parses to (or decodes to) another origin, in the form and at use", async () => {
    for (const testPath of retargeting()) {
      const report = await run({ testPath });
      expect(report, JSON.stringify(testPath)).toMatchObject({ ok: false, message: expect.stringMatching(/^Not sent: /) });
      const form = parseConnectionForm({
        name: "API",
        type: "http",
        baseUrl: `http://127.0.0.1:${targetPort}`,
        authKind: "bearer",
        testPath,
        "cred:token": CANARY,
      });
      expect(form.success, JSON.stringify(testPath)).toBe(false);
      if (!form.success) expect(Object.keys(form.fieldErrors), JSON.stringify(testPath)).toEqual(["testPath"]);
    }
    expect(await run({ testPath: "/after" })).toMatchObject({ ok: true }); // control
  });

  it("refuses routing, framing and hop-by-hop header names for the credential", async () => {
    for (const headerName of [
      "Host",
      "content-length",
      "Transfer-Encoding",
      "Connection",
      "Keep-Alive",
      "Proxy-Authorization",
      "Proxy-Foo",
      "TE",
      "Trailer",
      "Upgrade",
    ]) {
      const report = await testHttp({
        settings: { authKind: "header", headerName, baseUrl: `http://127.0.0.1:${targetPort}`, testPath: "/" },
        values: { header_value: `127.0.0.1:${attackerPort}` },
        egress,
        timeoutMs: 5000,
      });
      expect(report, headerName).toMatchObject({ ok: false, message: expect.stringMatching(/^Not sent: .*routed or framed/) });
      const form = parseConnectionForm({
        name: "API",
        type: "http",
        baseUrl: "https://api.example.com",
        authKind: "header",
        headerName,
        testPath: "/",
        "cred:header_value": "v",
      });
      expect(form.success ? [] : Object.keys(form.fieldErrors), headerName).toEqual(["headerName"]);
    }
    const control = await testHttp({
      settings: { authKind: "header", headerName: "X-Api-Key", baseUrl: `http://127.0.0.1:${targetPort}`, testPath: "/" },
      values: { header_value: "v" },
      egress,
      timeoutMs: 5000,
    });
    expect(control.ok).toBe(true);
  });

  it("refuses a base URL carrying user:password@", async () => {
    const report = await run({ baseUrl: `http://admin:${CANARY}@127.0.0.1:${attackerPort}` });
    expect(report).toMatchObject({ ok: false, message: expect.stringContaining("credentials belong in the credential fields") });
    const form = parseConnectionForm({ name: "API", type: "http", baseUrl: `https://admin:pw@api.example.com`, authKind: "none", testPath: "/" });
    expect(form.success ? [] : Object.keys(form.fieldErrors)).toEqual(["baseUrl"]);
    const cert = parseConnectionForm({ name: "mTLS", type: "https_cert", url: "https://u@api.example.com", "cred:certificate": "x", "cred:private_key": "y" });
    expect(cert.success ? [] : Object.keys(cert.fieldErrors)).toEqual(["url"]);
  });

  it("reports a 3xx as a redirect it did not follow, never as working", async () => {
    const report = await run({ testPath: "/moved" });
    expect(report.ok).toBe(false);
    expect(report.message).toContain(`answered 302: redirected to http://127.0.0.1:${attackerPort}/steal, not followed`);
    expect(targetSaw.at(-1)).toBe(`/moved Bearer ${CANARY}`); // control: the target itself was reached
  });
});
