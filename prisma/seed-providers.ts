// The demo's provider configurations and connections, one project per provider, saved through the same data
// functions the console uses (so literals are encrypted and references indexed exactly as in real use).
import { mintActor } from "@/lib/auth/actor";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { createConnection } from "@/lib/data/connections";
import { addReferencePolicyEntry } from "@/lib/data/reference-policy";
import { seedDemoWorkflow } from "./seed-workflows";

export interface DemoEndpoints {
  vault: string;
  demoTarget: string;
  gcpServiceAccountJson: string;
}

const AWS_ARN = (name: string, suffix: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-${suffix}`;

export async function seedDemoProviders(
  owner: { id: number; email: string },
  workspaceId: number,
  projects: Map<string, number>,
  endpoints: DemoEndpoints,
): Promise<void> {
  const actor = (name: string) =>
    mintActor.project({ userId: owner.id, email: owner.email, workspaceId, workspaceRole: "owner", projectId: projects.get(name)!, projectRole: null });
  const api = (name: string, token: string) => ({
    name,
    type: "http" as const,
    settings: { baseUrl: endpoints.demoTarget, authKind: "bearer", testPath: "/health" },
    credentials: { token: { mode: "set" as const, value: token } },
  });

  // Each project's reference policy names the demo's secrets and where they go (docs/threat-model.md).
  const target = new URL(endpoints.demoTarget).host;
  const payments = actor("Payments");
  await saveProviderConfig(payments, { kind: "aws", settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold-demo", region: "us-east-1" } });
  await addReferencePolicyEntry(payments, { secretPattern: "prod/api-token", destinations: [target] });
  await addReferencePolicyEntry(payments, { secretPattern: "prod/db", destinations: ["127.0.0.1:5432"] });
  const paymentsToken = `{{workato:sm:prod/api-token:${AWS_ARN("prod/api-token", "b7Rt2L")}}}`;
  await createConnection(payments, api("Payments API", paymentsToken));
  await seedDemoWorkflow(payments, endpoints.demoTarget, paymentsToken);
  await createConnection(payments, {
    name: "Orders DB",
    type: "postgres",
    settings: { host: "127.0.0.1", port: 5432, database: "orders", sslMode: "disable" },
    credentials: {
      user: { mode: "set", value: `{{workato:sm:username:${AWS_ARN("prod/db", "Xk3pQ9")}}}` },
      password: { mode: "set", value: `{{workato:sm:password:${AWS_ARN("prod/db", "Xk3pQ9")}}}` },
    },
  });

  const analytics = actor("Analytics");
  await saveProviderConfig(analytics, {
    kind: "azure",
    settings: {
      tenantId: "00000000-0000-0000-0000-0000000000aa",
      clientId: "11111111-2222-3333-4444-555555555555",
      vaultUrl: "https://keyhold-demo.vault.azure.net",
    },
    auth: { clientSecret: "demo-client-secret" },
  });
  await addReferencePolicyEntry(analytics, { secretPattern: "api-token", destinations: [target] });
  await createConnection(analytics, api("Warehouse API", "{{workato:sm:api-token}}"));

  const platform = actor("Platform");
  await saveProviderConfig(platform, {
    kind: "vault",
    settings: { address: endpoints.vault, approleMount: "approle", roleId: "demo-role-id", roleName: "keyhold-demo" },
    auth: { secretId: "demo-secret-id" },
  });
  await addReferencePolicyEntry(platform, { secretPattern: "secret:prod/*", destinations: [target] });
  await createConnection(platform, api("Internal API", "{{workato:sm:token:secret:prod/api}}"));

  const marketing = actor("Marketing");
  await saveProviderConfig(marketing, { kind: "gcp", settings: { projectId: "keyhold-demo" }, auth: { serviceAccountJson: endpoints.gcpServiceAccountJson } });
  await addReferencePolicyEntry(marketing, { secretPattern: "stripe-key", destinations: [target] });
  await createConnection(marketing, {
    name: "Ads API",
    type: "http",
    settings: { baseUrl: endpoints.demoTarget, authKind: "header", headerName: "X-Api-Key", testPath: "/health" },
    credentials: { header_value: { mode: "set", value: "{{workato:sm:stripe-key}}" } },
  });
}
