// The embedded demo: one workspace, a project per secrets provider, and users with each role. Workspace 1 /
// project 1 match the AWS emulator's demo role (External ID workato_iam_external_id_1_1).
export const DEMO_WORKSPACE = { name: "Demo workspace", secretsScope: "project" as const };

export const DEMO_PROJECTS = [
  { name: "Payments", description: "Billing integrations; secrets in AWS Secrets Manager." },
  { name: "Analytics", description: "Warehouse loaders; secrets in Azure Key Vault." },
  { name: "Platform", description: "Internal services; secrets in HashiCorp Vault." },
  { name: "Marketing", description: "CRM syncs; secrets in Google Secret Manager." },
];

export const DEMO_USERS = [
  { email: "alice@demo.keyhold.local", name: "Alice Admin", workspaceRole: "member", projectRoles: { Payments: "admin", Platform: "admin" } },
  { email: "eddie@demo.keyhold.local", name: "Eddie Editor", workspaceRole: "member", projectRoles: { Payments: "editor", Analytics: "editor" } },
  { email: "vera@demo.keyhold.local", name: "Vera Viewer", workspaceRole: "member", projectRoles: { Payments: "viewer" } },
] as const;
