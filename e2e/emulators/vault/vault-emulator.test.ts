// The emulator's wire protocol, checked with plain HTTP: Vault's paths, verbs, status codes and bodies, the
// ACL rules, namespaces and the /_emulator/ control API.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Acl, parsePolicyHcl } from "./acl";
import { demoFixture, startVaultEmulator, type RunningVaultEmulator } from "./index";
import { demoWith } from "./testing";

let vault: RunningVaultEmulator;

beforeEach(async () => {
  vault = await startVaultEmulator({ fixture: demoFixture });
});
afterEach(() => vault.close());

async function api(method: string, path: string, init: { token?: string; body?: unknown; namespace?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers["X-Vault-Token"] = init.token;
  if (init.namespace) headers["X-Vault-Namespace"] = init.namespace;
  const res = await fetch(`${vault.url}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

async function login(namespace?: string): Promise<string> {
  const res = await api("POST", "/v1/auth/approle/login", { body: { role_id: "demo-role-id", secret_id: "demo-secret-id" }, namespace });
  expect(res.status).toBe(200);
  return res.body?.auth.client_token as string;
}

describe("Vault API", () => {
  it("logs in with AppRole and returns Vault's auth block", async () => {
    const res = await api("POST", "/v1/auth/approle/login", { body: { role_id: "demo-role-id", secret_id: "demo-secret-id" } });
    expect(res.body?.auth).toMatchObject({
      policies: ["default", "keyhold-read"],
      token_policies: ["default", "keyhold-read"],
      metadata: { role_name: "keyhold-demo" },
      lease_duration: 3600,
      renewable: true,
    });
    expect(res.body?.auth.client_token).toMatch(/^hvs\./);
    expect(await api("POST", "/v1/auth/approle/login", { body: { role_id: "demo-role-id", secret_id: "x" } })).toEqual({
      status: 400,
      body: { errors: ["invalid role or secret ID"] },
    });
  });

  it("serves KV v2 and v1 reads and lists, by LIST and by GET ?list=true", async () => {
    const token = await login();
    const v2 = await api("GET", "/v1/secret/data/prod/db", { token });
    expect(v2.body?.data).toMatchObject({ data: { username: "keyhold_demo" }, metadata: { version: 1, destroyed: false } });
    expect((await api("GET", "/v1/kv1/legacy/db", { token })).body?.data).toEqual({ password: "demo-legacy-password" });
    expect((await api("LIST", "/v1/secret/metadata/prod", { token })).body?.data).toEqual({ keys: ["api", "db"] });
    expect((await api("GET", "/v1/secret/metadata/?list=true", { token })).body?.data).toEqual({ keys: ["prod/"] });
    expect(await api("GET", "/v1/secret/data/prod/none", { token })).toEqual({ status: 404, body: { errors: [] } });
    expect((await api("GET", "/v1/secret/prod/db", { token })).body?.warnings?.[0]).toContain("Invalid path for a versioned K/V");
  });

  it("versions KV v2 writes", async () => {
    vault.setState({ op: "setPolicy", name: "keyhold-read", rules: 'path "secret/*" { capabilities = ["create", "update", "read"] }' });
    const token = await login();
    const written = await api("POST", "/v1/secret/data/prod/db", { token, body: { data: { password: "v2" } } });
    expect(written.body?.data).toMatchObject({ version: 2 });
    expect((await api("GET", "/v1/secret/data/prod/db", { token })).body?.data.data).toEqual({ password: "v2" });
    expect((await api("GET", "/v1/secret/data/prod/db?version=1", { token })).body?.data.data.password).toBe("demo-db-password");
  });

  it("answers 403 like Vault: no token, dead token, policy denial", async () => {
    expect(await api("GET", "/v1/secret/data/prod/db")).toEqual({ status: 403, body: { errors: ["permission denied"] } });
    expect(await api("GET", "/v1/secret/data/prod/db", { token: "hvs.nope" })).toEqual({
      status: 403,
      body: { errors: ["2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"] },
    });
    const token = await login();
    expect(await api("LIST", "/v1/kv1/legacy", { token })).toEqual({
      status: 403,
      body: { errors: ["1 error occurred:\n\t* permission denied\n\n"] },
    });
  });

  it("detects mounts like Vault's CLI preflight", async () => {
    const token = await login();
    const found = await api("GET", "/v1/sys/internal/ui/mounts/secret/prod/db", { token });
    expect(found.body?.data).toMatchObject({ path: "secret/", type: "kv", options: { version: "2" } });
    expect(await api("GET", "/v1/sys/internal/ui/mounts/nope/x", { token })).toEqual({
      status: 403,
      body: { errors: ['preflight capability check returned 403, please ensure client\'s policies grant access to path "nope/x/"'] },
    });
    const all = await api("GET", "/v1/sys/internal/ui/mounts", { token });
    expect(Object.keys(all.body?.data.secret).sort()).toEqual(["cubbyhole/", "kv1/", "secret/", "sys/"]);
  });

  it("keeps everything inside the fixture's namespace (header or path prefix)", async () => {
    await vault.close();
    vault = await startVaultEmulator({ fixture: demoWith((f) => (f.namespace = "team-a")) });
    expect((await api("POST", "/v1/auth/approle/login", { body: { role_id: "demo-role-id", secret_id: "demo-secret-id" } })).status).toBe(403);
    const token = await login("team-a");
    expect((await api("GET", "/v1/secret/data/prod/db", { token, namespace: "team-a" })).status).toBe(200);
    expect((await api("GET", "/v1/team-a/secret/data/prod/db", { token })).status).toBe(200);
    expect((await api("GET", "/v1/secret/data/prod/db", { token })).status).toBe(403);
  });

  it("answers 503 while sealed", async () => {
    vault.setState({ op: "seal" });
    expect(await api("GET", "/v1/secret/data/prod/db")).toEqual({ status: 503, body: { errors: ["Vault is sealed"] } });
  });
});

describe("control API", () => {
  it("counts calls, injects faults and mutates state over HTTP", async () => {
    const token = await login();
    await api("POST", "/_emulator/faults", { body: { kind: "throttle", operation: "read" } });
    expect((await api("GET", "/v1/secret/data/prod/db", { token })).status).toBe(429);
    expect((await api("GET", "/v1/secret/data/prod/db", { token })).status).toBe(200);
    expect((await api("GET", "/_emulator/calls")).body).toEqual({ login: 1, read: 2 });

    await api("POST", "/_emulator/state", { body: { op: "putSecret", mount: "kv1", path: "legacy/db", data: { password: "new" } } });
    expect((await api("GET", "/v1/kv1/legacy/db", { token })).body?.data).toEqual({ password: "new" });
    await api("POST", "/_emulator/state", { body: { op: "reset" } });
    expect((await api("GET", "/v1/kv1/legacy/db", { token })).status).toBe(403); // reset also forgets tokens
    await api("POST", "/_emulator/calls/reset");
    expect((await api("GET", "/_emulator/calls")).body).toEqual({});
  });
});

describe("ACL", () => {
  it("applies Vault's priority rules and deny", () => {
    const acl = new Acl(
      parsePolicyHcl(`
        path "secret/*" { capabilities = ["read", "list"] }
        path "secret/data/+/db" { capabilities = ["deny"] }
        path "secret/data/team/*" { capabilities = ["read"] }  # longer glob wins over the shorter one
        path "secret/data/team/admin" { capabilities = ["list"] }
      `),
    );
    expect(acl.allows("secret/data/app/api", "read")).toBe(true);
    expect(acl.allows("secret/data/app/db", "read")).toBe(false);
    expect(acl.allows("secret/data/team/x", "list")).toBe(false);
    expect(acl.allows("secret/data/team/admin", "read")).toBe(false);
    expect(acl.hasMountAccess("secret/")).toBe(true);
    expect(new Acl([{ path: "kv1/legacy/*", capabilities: ["read"] }]).hasMountAccess("kv1/")).toBe(true);
    expect(new Acl([{ path: "kv1/legacy/*", capabilities: ["read"] }]).hasMountAccess("secret/")).toBe(false);
  });
});
