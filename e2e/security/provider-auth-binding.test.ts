// Threat 3 (docs/threat-model.md): provider auth follows a changed provider address. A project admin points
// the Vault address at a listener they control and leaves the stored AppRole secret_id "unchanged"; a Test
// would send role_id and secret_id there. The listener fails the suite if it ever receives the canary; the
// control re-enters a secret for the listener, which then does reach it (the workspace allow-lists loopback).
// Also: a Vault that answers its login with a 307 must not make Keyhold re-send the secret_id elsewhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { createOnPremGroup } from "@/lib/data/onprem-groups";
import { getProviderConfig, loadProviderForUse, saveProviderConfig } from "@/lib/data/provider-configs";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { testProviderConfig } from "@/lib/services/secrets/provider-test";
import { createVaultProvider as vaultProvider } from "@/lib/secrets/providers/vault";
import { seedWorkspace } from "@/lib/testing/seed-actors";

const CANARY = "canary-secret-id-3e8d2a";
const seen: string[] = [];
let listener: http.Server, redirector: http.Server;
let port = 0,
  redirectorPort = 0;

function recorder(): http.Server {
  return http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ errors: ["invalid role or secret ID"] }));
    });
  });
}

const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  listener = recorder();
  port = await listen(listener);
  // A "Vault" that redirects every request, body and all (307 keeps the method and body), to the listener.
  redirector = http.createServer((req, res) => res.writeHead(307, { location: `http://127.0.0.1:${port}${req.url}` }).end());
  redirectorPort = await listen(redirector);
});

afterAll(async () => {
  await Promise.all([listener, redirector].map((s) => new Promise((r) => s.close(r))));
  expect(
    seen.filter((s) => s.includes(CANARY)),
    "the secret_id reached the attacker's listener",
  ).toEqual([]);
});

const vault = (address: string, secretId?: string) => ({
  kind: "vault" as const,
  settings: { address, approleMount: "approle", roleId: "role-1" },
  ...(secretId ? { auth: { secretId } } : {}),
});

describe("provider auth stays bound to the endpoint it was entered for", () => {
  it("refuses a changed Vault address or namespace with the stored secret_id; Test never sends it", async () => {
    const { wsActor } = await seedWorkspace();
    await updateEgressPolicy(wsActor, { mode: "public", allowList: ["127.0.0.1"] });
    await saveProviderConfig(wsActor, vault("https://vault.example.com:8200", CANARY));
    await expect(saveProviderConfig(wsActor, vault(`http://127.0.0.1:${port}`))).rejects.toMatchObject({
      code: "VALIDATION",
      field: "secretId",
      message: expect.stringContaining("https://vault.example.com:8200"),
    });
    const withNamespace = {
      ...vault("https://vault.example.com:8200"),
      settings: { ...vault("").settings, address: "https://vault.example.com:8200", namespace: "team-b" },
    };
    await expect(saveProviderConfig(wsActor, withNamespace)).rejects.toMatchObject({ field: "secretId" });
    // Same endpoint, other settings: the secret stays.
    await saveProviderConfig(wsActor, {
      ...vault("https://vault.example.com:8200"),
      settings: { ...vault("https://vault.example.com:8200").settings, roleId: "r2" },
    });

    // Defence in depth: an address changed behind the save path is refused when the secret is loaded.
    const row = await db.secretsProviderConfig.findFirstOrThrow({ where: { workspaceId: wsActor.workspaceId, currentOwnerKey: { not: null } } });
    await db.secretsProviderConfig.update({ where: { id: row.id }, data: { settings: vault(`http://127.0.0.1:${port}`).settings } });
    await expect(loadProviderForUse(row.id)).rejects.toMatchObject({ code: "invalid_configuration" });
    expect((await testProviderConfig(wsActor)).ok).toBe(false);

    // Control: a secret re-entered for the listener is sent there.
    await saveProviderConfig(wsActor, vault(`http://127.0.0.1:${port}`, "control-secret-id"));
    expect((await testProviderConfig(wsActor)).ok).toBe(false); // the listener answers 400
    expect(seen.at(-1)).toContain("control-secret-id");
  });

  it("binds the Azure client secret to tenant and vault URL, and the Google key to the project", async () => {
    const { wsActor } = await seedWorkspace();
    const tenant = "11111111-2222-3333-4444-555555555555";
    const azure = (vaultUrl: string, tenantId = tenant, clientSecret?: string) => ({
      kind: "azure" as const,
      settings: { tenantId, clientId: tenant, vaultUrl },
      ...(clientSecret ? { auth: { clientSecret } } : {}),
    });
    await saveProviderConfig(wsActor, azure("https://a.vault.azure.net", tenant, CANARY));
    await expect(saveProviderConfig(wsActor, azure("https://evil.vault.azure.net"))).rejects.toMatchObject({ field: "clientSecret" });
    await expect(saveProviderConfig(wsActor, azure("https://a.vault.azure.net", "99999999-2222-3333-4444-555555555555"))).rejects.toMatchObject({
      field: "clientSecret",
    });
    await saveProviderConfig(wsActor, azure("https://evil.vault.azure.net", tenant, "new-secret")); // re-entered: allowed

    const { wsActor: other } = await seedWorkspace();
    const key = JSON.stringify({ client_email: "k@p.iam.gserviceaccount.com", private_key: CANARY });
    await saveProviderConfig(other, { kind: "gcp", settings: { projectId: "prod-project-1" }, auth: { serviceAccountJson: key } });
    await expect(saveProviderConfig(other, { kind: "gcp", settings: { projectId: "attacker-project" } })).rejects.toMatchObject({
      field: "serviceAccountJson",
    });
  });
});

describe("the connection type is part of the Vault endpoint (docs/agent.md, cloud profiles)", () => {
  it("refuses Cloud ↔ group and group A → group B with the stored secret_id; re-entering it moves the configuration", async () => {
    const { wsActor } = await seedWorkspace();
    const a = await createOnPremGroup(wsActor, "site a");
    const b = await createOnPremGroup(wsActor, "site b");
    const address = "https://vault.internal:8200";
    await saveProviderConfig(wsActor, { ...vault(address, CANARY) });
    await expect(saveProviderConfig(wsActor, { ...vault(address), onPremGroupId: a.id })).rejects.toMatchObject({
      code: "VALIDATION",
      field: "secretId",
      message: expect.stringContaining("entered for Cloud (sent by Keyhold directly) and is never sent by another connection type"),
    });
    await saveProviderConfig(wsActor, { ...vault(address, "entered-for-site-a"), onPremGroupId: a.id });
    const routed = await getProviderConfig(wsActor);
    expect(routed?.onPremGroupId).toBe(a.id);
    // Same group, other settings: the secret stays.
    await saveProviderConfig(wsActor, { ...vault(address), settings: { ...vault(address).settings, roleId: "r2" }, onPremGroupId: a.id });
    await expect(saveProviderConfig(wsActor, { ...vault(address), onPremGroupId: b.id })).rejects.toMatchObject({
      field: "secretId",
      message: expect.stringContaining(`entered for on-prem group #${a.id}`),
    });
    await expect(saveProviderConfig(wsActor, vault(address))).rejects.toMatchObject({ field: "secretId" });

    // Defence in depth: a group changed behind the save path is refused when the secret is loaded.
    const row = await db.secretsProviderConfig.findFirstOrThrow({ where: { workspaceId: wsActor.workspaceId, currentOwnerKey: { not: null } } });
    await db.secretsProviderConfig.update({ where: { id: row.id }, data: { onPremGroupId: b.id } });
    await expect(loadProviderForUse(row.id)).rejects.toMatchObject({ code: "invalid_configuration" });
    await db.secretsProviderConfig.update({ where: { id: row.id }, data: { onPremGroupId: null } });
    await expect(loadProviderForUse(row.id)).rejects.toMatchObject({ code: "invalid_configuration" });
    await db.secretsProviderConfig.update({ where: { id: row.id }, data: { onPremGroupId: a.id } });
    await expect(loadProviderForUse(row.id)).resolves.toMatchObject({ onPremGroupId: a.id, auth: { secretId: "entered-for-site-a" } });
  });

  it("refuses a group of another workspace, and a group for Google Secret Manager", async () => {
    const { wsActor } = await seedWorkspace();
    const { wsActor: other } = await seedWorkspace();
    const foreign = await createOnPremGroup(other, "theirs");
    const own = await createOnPremGroup(wsActor, "ours");
    await expect(saveProviderConfig(wsActor, { ...vault("https://vault.internal:8200", "s"), onPremGroupId: foreign.id })).rejects.toMatchObject({
      code: "VALIDATION",
      field: "onPremGroupId",
      message: "Choose an on-prem group of this workspace.",
    });
    await expect(
      saveProviderConfig(wsActor, {
        kind: "gcp",
        settings: { projectId: "keyhold-demo" },
        auth: { serviceAccountJson: "{}" },
        onPremGroupId: own.id,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", field: "onPremGroupId", message: expect.stringContaining("cannot be reached through an on-prem group") });
    await expect(
      saveProviderConfig(wsActor, {
        kind: "aws",
        settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" },
        onPremGroupId: foreign.id,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", field: "onPremGroupId", message: "Choose an on-prem group of this workspace." });
    expect(await getProviderConfig(wsActor)).toBeNull(); // nothing was saved
  });
});

describe("Vault redirects", () => {
  it("treats a 3xx from the Vault address as a configuration error and never re-sends the login", async () => {
    const provider = vaultProvider({
      kind: "vault",
      owner: { workspaceId: 1 },
      settings: { address: `http://127.0.0.1:${redirectorPort}`, approleMount: "approle", roleId: "role-1" },
      auth: { secretId: CANARY },
    });
    await expect(provider.test()).rejects.toMatchObject({
      code: "invalid_configuration",
      message: expect.stringContaining(`redirected to http://127.0.0.1:${port}/v1/auth/approle/login`),
    });
    // Control: the listener is reachable, and a login addressed to it directly arrives.
    const direct = vaultProvider({
      kind: "vault",
      owner: { workspaceId: 1 },
      settings: { address: `http://127.0.0.1:${port}`, approleMount: "approle", roleId: "role-1" },
      auth: { secretId: "control-direct" },
    });
    await expect(direct.test()).rejects.toBeDefined();
    expect(seen.at(-1)).toContain("control-direct");
  });
});
