// The embedded demo: one workspace, a project per secrets provider, and users with each role. Workspace 1 /
// project 1 match the AWS emulator's demo role (External ID workato_iam_external_id_1_1).
export const DEMO_WORKSPACE = { name: "Demo workspace", secretsScope: "project" as const, egressMode: "public" as const };

/**
 * The demo's emulators, the demo target API and the demo database all listen on this machine's loopback
 * interface, which the egress policy refuses unless listed (docs/egress.md). The same entries an admin could
 * type into the egress form: a test proves the form accepts this list as it is.
 */
export const DEMO_EGRESS_ALLOW_LIST = ["127.0.0.1", "::1", "localhost"];

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
