import { describe, expect, it } from "vitest";
import { parseProviderForm, toProviderConfig } from "./provider-config";

const owner = { workspaceId: 1, projectId: 2 };
const serviceAccount = JSON.stringify({
  client_email: "keyhold@p.iam.gserviceaccount.com",
  private_key: "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n",
});

describe("provider form parsing", () => {
  it("accepts an AWS role, trimming what was typed", () => {
    const r = parseProviderForm({ kind: "aws", roleArn: " arn:aws:iam::123456789012:role/keyhold ", region: "eu-west-1" });
    expect(r).toEqual({
      success: true,
      data: {
        kind: "aws",
        settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "eu-west-1" },
        auth: undefined,
        confirmReplace: false,
        onPremGroupId: null,
      },
    });
  });

  it("names each bad field with a message the admin can act on", () => {
    const r = parseProviderForm({ kind: "aws", roleArn: "arn:aws:iam::123:user/bob", region: "Europe" });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.fieldErrors.roleArn).toEqual(["Enter a role ARN like arn:aws:iam::123456789012:role/keyhold."]);
    expect(r.fieldErrors.region).toEqual(["Enter an AWS region like us-east-1."]);
  });

  it("asks about a region the AWS SDK does not know: did you mean…, unless 'Use it anyway' is ticked", () => {
    const form = { kind: "aws", roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-esat-1" };
    const refused = parseProviderForm(form);
    expect(refused).toEqual({
      success: false,
      fieldErrors: { region: ['The AWS SDK does not know the region "us-esat-1". Did you mean us-east-1? If it is a new region, tick "Use it anyway".'] },
    });
    const anyway = parseProviderForm({ ...form, allowUnknownRegion: "true" });
    expect(anyway.success && anyway.data.settings.region).toBe("us-esat-1");
    // Regions of every partition the SDK knows pass without asking.
    for (const region of ["us-gov-west-1", "cn-north-1", "eusc-de-east-1", "ap-southeast-7"]) expect(parseProviderForm({ ...form, region }).success).toBe(true);
  });

  it("refuses an unknown kind", () => {
    expect(parseProviderForm({ kind: "onepassword" })).toEqual({ success: false, fieldErrors: { kind: ["Choose a provider."] } });
  });

  it("Azure: GUIDs and an https vault URL; an empty client secret keeps the stored one", () => {
    const base = { kind: "azure", tenantId: "11111111-2222-3333-4444-555555555555", clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" };
    const kept = parseProviderForm({ ...base, vaultUrl: "https://kv.vault.azure.net", clientSecret: "   " });
    expect(kept).toMatchObject({ success: true, data: { auth: undefined } });
    const set = parseProviderForm({ ...base, vaultUrl: "https://kv.vault.azure.net", clientSecret: " s3cret " });
    expect(set).toMatchObject({ success: true, data: { auth: { clientSecret: "s3cret" } } });
    const plain = parseProviderForm({ ...base, tenantId: "tenant", vaultUrl: "http://kv.vault.azure.net" });
    expect(plain.success).toBe(false);
    if (!plain.success)
      expect(plain.fieldErrors).toMatchObject({ tenantId: ["Use the GUID shown in the Azure portal."], vaultUrl: ["Key Vault URLs use https://."] });
  });

  it("Vault: defaults the AppRole mount, drops empty optional fields, checks the namespace", () => {
    const r = parseProviderForm({ kind: "vault", address: "https://vault.example.com:8200", namespace: "", roleId: "role-1", roleName: "" });
    // toEqual: the empty optional fields are undefined (and so absent once stored as JSON).
    expect(r.success && r.data.settings).toEqual({ address: "https://vault.example.com:8200", approleMount: "approle", roleId: "role-1" });
    if (r.success) expect(JSON.parse(JSON.stringify(r.data.settings))).not.toHaveProperty("namespace");
    const bad = parseProviderForm({ kind: "vault", address: "vault", namespace: "a b", roleId: " " });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(Object.keys(bad.fieldErrors).sort()).toEqual(["address", "namespace", "roleId"]);
  });

  it("Vault: the connection type is Cloud (empty) or an on-prem group id, never in the settings", () => {
    const base = { kind: "vault", address: "https://vault.internal:8200", roleId: "role-1" };
    expect(parseProviderForm({ ...base, onPremGroupId: "" })).toMatchObject({ success: true, data: { onPremGroupId: null } });
    const routed = parseProviderForm({ ...base, onPremGroupId: "12" });
    expect(routed).toMatchObject({ success: true, data: { onPremGroupId: 12 } });
    expect(routed.success && routed.data.settings).not.toHaveProperty("onPremGroupId");
    expect(parseProviderForm({ ...base, onPremGroupId: "group-a" })).toEqual({
      success: false,
      fieldErrors: { onPremGroupId: ["Choose Cloud or an on-prem group."] },
    });
  });

  it("AWS and Azure: the same connection type; Google has none", () => {
    const aws = { kind: "aws", roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "eu-west-1" };
    expect(parseProviderForm({ ...aws, onPremGroupId: "7" })).toMatchObject({ success: true, data: { onPremGroupId: 7 } });
    const azure = {
      kind: "azure",
      tenantId: "11111111-2222-3333-4444-555555555555",
      clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      vaultUrl: "https://kv.vault.azure.net",
      clientSecret: "s",
    };
    expect(parseProviderForm({ ...azure, onPremGroupId: "" })).toMatchObject({ success: true, data: { onPremGroupId: null } });
    expect(parseProviderForm({ ...azure, onPremGroupId: "x" })).toMatchObject({
      success: false,
      fieldErrors: { onPremGroupId: ["Choose Cloud or an on-prem group."] },
    });
    const gcp = parseProviderForm({ kind: "gcp", projectId: "my-project-123", serviceAccountJson: serviceAccount, onPremGroupId: "7" });
    expect(gcp.success && gcp.data).not.toHaveProperty("onPremGroupId");
  });

  it("Google: a project ID and a whole service-account key file", () => {
    expect(parseProviderForm({ kind: "gcp", projectId: "my-project-123", serviceAccountJson: serviceAccount })).toMatchObject({
      success: true,
      data: { auth: { serviceAccountJson: serviceAccount } },
    });
    const bad = parseProviderForm({ kind: "gcp", projectId: "My Project", serviceAccountJson: '{"client_email":"x"}' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(Object.keys(bad.fieldErrors).sort()).toEqual(["projectId", "serviceAccountJson"]);
  });

  it("carries the replace confirmation only when it is exactly 'true'", () => {
    const form = { kind: "aws", roleArn: "arn:aws:iam::123456789012:role/k", region: "us-east-1" };
    expect(parseProviderForm({ ...form, confirmReplace: "true" })).toMatchObject({ data: { confirmReplace: true } });
    expect(parseProviderForm({ ...form, confirmReplace: "yes" })).toMatchObject({ data: { confirmReplace: false } });
  });
});

describe("stored configurations", () => {
  it("rebuilds a typed configuration and fails loudly on a corrupt row", () => {
    expect(toProviderConfig("vault", owner, { address: "https://v:8200", roleId: "r" }, { secretId: "s" })).toEqual({
      kind: "vault",
      owner,
      settings: { address: "https://v:8200", approleMount: "approle", roleId: "r" },
      auth: { secretId: "s" },
    });
    expect(() => toProviderConfig("azure", owner, { tenantId: "x" }, {})).toThrow();
    expect(() => toProviderConfig("ldap", owner, {}, {})).toThrow("Unknown provider kind ldap.");
  });
});
