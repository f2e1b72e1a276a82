// Fault modes and states that reproduce Vault's answers the happy path never sees, over raw HTTP (node-vault
// reduces error bodies to a message): a KV v2 secret whose latest version is deleted or destroyed (404 with
// the metadata), sealed and standby nodes, rate limiting, a policy denial, and bodies no client parses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoFixture, startVaultEmulator, type RunningVaultEmulator } from "./index";
import { resetEmulator } from "../reset";

let vault: RunningVaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ fixture: demoFixture });
});
afterAll(() => vault.close());
beforeEach(() => resetEmulator(vault));

async function call(method: string, path: string, init: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${vault.url}${path}`, {
    method,
    headers: init.token ? { "X-Vault-Token": init.token } : {},
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function login(): Promise<string> {
  const res = await call("POST", "/v1/auth/approle/login", { body: { role_id: "demo-role-id", secret_id: "demo-secret-id" } });
  return (JSON.parse(res.text) as { auth: { client_token: string } }).auth.client_token;
}

const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe("Vault emulator: deleted and destroyed KV v2 versions", () => {
  it("answers 404 with data null and the metadata's deletion_time when the latest version is deleted", async () => {
    const token = await login();
    vault.setState({ op: "putSecret", mount: "secret", path: "prod/db", data: { password: "v2" } });
    vault.setState({ op: "deleteVersions", mount: "secret", path: "prod/db" });
    const res = await call("GET", "/v1/secret/data/prod/db", { token });
    expect(res.status).toBe(404);
    const body = json(res.text);
    expect(body.data.data).toBeNull();
    expect(body.data.metadata).toMatchObject({ version: 2, destroyed: false, deletion_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(body).toMatchObject({ request_id: expect.any(String), mount_type: "kv" });
    // The older version still reads, which is what "roll back" offers.
    expect(json((await call("GET", "/v1/secret/data/prod/db?version=1", { token })).text).data.data.password).toBe("demo-db-password");
    const meta = json((await call("GET", "/v1/secret/metadata/prod/db", { token })).text);
    expect(meta.data.versions["2"].deletion_time).not.toBe("");
    vault.setState({ op: "undeleteVersions", mount: "secret", path: "prod/db" });
    expect(json((await call("GET", "/v1/secret/data/prod/db", { token })).text).data.data.password).toBe("v2");
  });

  it("a destroyed version stays 404 with destroyed: true and cannot be undeleted", async () => {
    const token = await login();
    vault.setState({ op: "destroyVersions", mount: "secret", path: "prod/db", versions: [1] });
    vault.setState({ op: "undeleteVersions", mount: "secret", path: "prod/db", versions: [1] });
    const res = await call("GET", "/v1/secret/data/prod/db", { token });
    expect(res.status).toBe(404);
    expect(json(res.text).data).toMatchObject({ data: null, metadata: { destroyed: true, deletion_time: "", version: 1 } });
    const bad = await fetch(`${vault.url}/_emulator/state`, {
      method: "POST",
      body: JSON.stringify({ op: "deleteVersions", mount: "kv1", path: "legacy/db" }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("Vault emulator faults", () => {
  it("sealed → 503, standby → 500, throttle → 429 with the chosen Retry-After, denied → 403", async () => {
    const token = await login();
    vault.injectFault({ kind: "sealed", operation: "login" });
    expect(await call("POST", "/v1/auth/approle/login", { body: {} })).toMatchObject({ status: 503, text: '{"errors":["Vault is sealed"]}' });
    vault.injectFault({ kind: "standby", operation: "read" });
    expect(json((await call("GET", "/v1/secret/data/prod/db", { token })).text)).toEqual({
      errors: ["local node not active but active cluster node not found"],
    });
    vault.injectFault({ kind: "throttle", operation: "list", retryAfterSeconds: 4 });
    const limited = await call("LIST", "/v1/secret/metadata/prod", { token });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "4"]);
    expect(json(limited.text).errors[0]).toBe('1 error occurred:\n\t* request path "secret/metadata/prod": rate limit quota exceeded\n\n');
    vault.injectFault({ kind: "denied", operation: "read" });
    expect(await call("GET", "/v1/secret/data/prod/db", { token })).toMatchObject({
      status: 403,
      text: '{"errors":["1 error occurred:\\n\\t* permission denied\\n\\n"]}',
    });
    expect((await call("GET", "/v1/secret/data/prod/db", { token })).status).toBe(200);
  });

  it("raw: the chosen status with HTML, XML or nothing, on GET and on the LIST verb", async () => {
    const token = await login();
    vault.injectFault({ kind: "raw", operation: "read", status: 403, body: "html" });
    const html = await call("GET", "/v1/secret/data/prod/db", { token });
    expect([html.status, html.headers.get("content-type")]).toEqual([403, "text/html"]);
    expect(html.text).toContain("<title>403 Forbidden</title>");
    vault.injectFault({ kind: "raw", operation: "list", status: 502, body: "xml" });
    const xml = await call("LIST", "/v1/secret/metadata/prod", { token });
    expect([xml.status, xml.headers.get("content-type")]).toEqual([502, "application/xml"]);
    expect(xml.text).toContain("<Code>BadGateway</Code>");
    vault.injectFault({ kind: "raw", operation: "login", status: 401 });
    expect(await call("POST", "/v1/auth/approle/login", { body: {} })).toMatchObject({ status: 401, text: "" });
    const refused = await fetch(`${vault.url}/_emulator/faults`, { method: "POST", body: JSON.stringify({ kind: "raw", status: 302 }) });
    expect(refused.status).toBe(400);
    expect(vault.calls()).toEqual({ login: 2, read: 1, list: 1 });
  });
});
