// Threat 5: provider addresses a console user enters (the Vault address, the Azure vault URL) go through the
// workspace egress policy before any call, so Vault AppRole material cannot be sent to a loopback or metadata
// address. A loopback listener stands in for the attacker; the control request shows it is reachable once the
// workspace allows it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createCheckedProvider } from "@/lib/services/secrets/provider-egress";
import { checkProviderEndpoint, userEndpointOf } from "@/lib/services/secrets/provider-egress";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import type { ProviderConfig } from "@/lib/secrets/types";

const SECRET_ID = "canary-secret-id-5b1c";
let listener: http.Server;
let port = 0;
const seen: string[] = [];

beforeAll(async () => {
  listener = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ errors: ["permission denied"] }));
    });
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  port = (listener.address() as AddressInfo).port;
});

afterAll(() => new Promise((r) => listener.close(r)));

const vaultConfig = (workspaceId: number, address: string): ProviderConfig => ({
  kind: "vault",
  owner: { workspaceId },
  settings: { address, approleMount: "approle", roleId: "role-1" },
  auth: { secretId: SECRET_ID },
});

describe("provider addresses go through the egress policy", () => {
  it("refuses a Vault address on loopback until the workspace allows it (control: then the login reaches it)", async () => {
    const { ws, wsActor } = await seedWorkspace();
    const provider = createCheckedProvider(vaultConfig(ws.id, `http://127.0.0.1:${port}`));
    await expect(provider.test()).rejects.toMatchObject({ code: "invalid_configuration", message: expect.stringContaining("loopback") });
    await expect(provider.listSecrets()).rejects.toMatchObject({ code: "invalid_configuration" });
    const fetched = await provider.fetchSecrets([{ kind: "vault", key: "password", engine: "secret", path: "prod/db" }]);
    expect([...fetched.values()]).toMatchObject([{ ok: false, error: { code: "invalid_configuration" } }]);
    expect(seen).toEqual([]);

    await updateEgressPolicy(wsActor, { mode: "public", allowList: [`127.0.0.1:${port}`] });
    await expect(provider.test()).rejects.toBeDefined(); // the listener answers 403
    expect(seen.some((s) => s.includes("/v1/auth/approle/login"))).toBe(true);
  });

  it("refuses metadata and private provider addresses by what they are, in every encoding", async () => {
    const policy = { mode: "public" as const, allowList: [] };
    for (const address of [
      "http://169.254.169.254",
      "http://[fd00:ec2::254]:8200",
      "http://0xa9fea9fe",
      "https://168.63.129.16",
      "http://100.100.100.200",
      "https://10.0.0.8:8200",
    ]) {
      await expect(checkProviderEndpoint(new URL(address), policy), address).rejects.toMatchObject({ code: "invalid_configuration" });
    }
    await expect(checkProviderEndpoint(new URL("https://10.0.0.8:8200"), { mode: "public+private", allowList: [] })).resolves.toBeUndefined();
    // A name this server cannot resolve is left to the request: behind an HTTPS_PROXY, the proxy resolves it.
    await expect(checkProviderEndpoint(new URL("https://kv.example.invalid"), policy)).resolves.toBeUndefined();
  });

  it("checks the Azure vault URL and trusts operator endpoints (AWS, Google)", () => {
    expect(
      userEndpointOf({
        kind: "azure",
        owner: { workspaceId: 1 },
        settings: { tenantId: "t", clientId: "c", vaultUrl: "https://kv.vault.azure.net" },
        auth: { clientSecret: "s" },
      })?.hostname,
    ).toBe("kv.vault.azure.net");
    expect(userEndpointOf({ kind: "aws", owner: { workspaceId: 1 }, settings: { roleArn: "arn:aws:iam::1:role/r", region: "us-east-1" } })).toBeNull();
    expect(userEndpointOf({ kind: "gcp", owner: { workspaceId: 1 }, settings: { projectId: "p" }, auth: { serviceAccountJson: "{}" } })).toBeNull();
  });
});
