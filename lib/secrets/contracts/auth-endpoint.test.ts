import { describe, expect, it } from "vitest";
import { authEndpointOf } from "./auth-endpoint";

describe("provider auth endpoints", () => {
  it("change with the Vault address or namespace, not with the role or mount", () => {
    const vault = { address: "https://vault.example.com:8200", approleMount: "approle", roleId: "r" };
    const key = authEndpointOf("vault", vault);
    expect(authEndpointOf("vault", { ...vault, address: "https://VAULT.example.com:8200/" })).toBe(key);
    expect(authEndpointOf("vault", { ...vault, roleId: "r2", approleMount: "other" })).toBe(key);
    expect(authEndpointOf("vault", { ...vault, address: "https://vault.example.com:8201" })).not.toBe(key);
    expect(authEndpointOf("vault", { ...vault, address: "http://vault.example.com:8200" })).not.toBe(key);
    expect(authEndpointOf("vault", { ...vault, namespace: "team" })).not.toBe(key);
  });

  it("change with the Azure tenant or vault URL and the Google project; AWS stores no secret", () => {
    const azure = { tenantId: "11111111-2222-3333-4444-555555555555", clientId: "c", vaultUrl: "https://a.vault.azure.net" };
    expect(authEndpointOf("azure", { ...azure, clientId: "other" })).toBe(authEndpointOf("azure", azure));
    expect(authEndpointOf("azure", { ...azure, vaultUrl: "https://b.vault.azure.net" })).not.toBe(authEndpointOf("azure", azure));
    expect(authEndpointOf("gcp", { projectId: "a-project" })).not.toBe(authEndpointOf("gcp", { projectId: "b-project" }));
    expect(authEndpointOf("aws", { roleArn: "x", region: "us-east-1" })).toBeNull();
  });
});
