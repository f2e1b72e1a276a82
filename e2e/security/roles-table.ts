// docs/roles.md as data: the authorization matrix (authorization-matrix.spec.ts) reads its expected cells from
// here, and roles-table.test.ts checks that this file and the tables in docs/roles.md say the same thing.
// Token scopes come from lib/auth/token-scopes.ts: a new scope gets a matrix column by itself; the `tokens` of
// each route below and the "Route handlers" table in docs/roles.md say which scopes may call it.
import { TOKEN_SCOPE_NAMES } from "@/lib/auth/token-scopes";

export const TOKEN_SCOPES = TOKEN_SCOPE_NAMES;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who calls: signed in as a role in workspace W (project P1 is the target), or with a token, or nobody. */
export const ROLE_PRINCIPALS = ["signed out", "viewer", "editor", "other-project admin", "workspace member", "workspace admin", "owner"] as const;
export type RolePrincipal = (typeof ROLE_PRINCIPALS)[number];
export type Principal = RolePrincipal | `token:${TokenScope}` | "revoked token" | "other-workspace token";
export const PRINCIPALS: Principal[] = [...ROLE_PRINCIPALS, ...TOKEN_SCOPES.map((s) => `token:${s}` as const), "revoked token", "other-workspace token"];

/** A capability (docs/roles.md "Capabilities"), or who may call an action that checks none. */
export type Rule =
  | "public"
  | "signed in"
  | "workspace.view"
  | "workspace.admin"
  | "workspace.create"
  | "project.view"
  | "project.edit"
  | "project.admin"
  | "project.audit"
  /** The audit log of the workspace, filtered to what the caller may see: any project admin, workspace admins, owners. */
  | "audit.read";

/** docs/roles.md "Capabilities": the roles each is granted to, for workspace W and its project P1. */
export const CAPABILITY_HOLDERS: Record<Exclude<Rule, "public" | "signed in">, RolePrincipal[]> = {
  "workspace.view": ["viewer", "editor", "other-project admin", "workspace member", "workspace admin", "owner"],
  "workspace.admin": ["workspace admin", "owner"],
  "workspace.create": ["owner"],
  "project.view": ["viewer", "editor", "workspace admin", "owner"],
  "project.edit": ["editor", "workspace admin", "owner"],
  "project.admin": ["workspace admin", "owner"],
  "project.audit": ["workspace admin", "owner"],
  "audit.read": ["other-project admin", "workspace admin", "owner"],
};

/**
 * docs/roles.md "Actions, with the capability each checks". Owner-configuration actions are called on the
 * workspace's configuration (no ownerProjectId), so they need `workspace.admin`.
 */
export const ACTION_RULES: Record<string, Rule> = {
  switchSecretsScopeAction: "workspace.admin",
  startRetestJobAction: "workspace.admin",
  cancelBulkJobAction: "workspace.admin",
  updateRotationSettingsAction: "workspace.admin",
  createOnPremGroupAction: "workspace.admin",
  createAgentKeyAction: "workspace.admin",
  revokeAgentKeyAction: "workspace.admin",
  proposeHostAction: "project.edit",
  deleteWorkflowAction: "project.edit",
  decideHostAction: "project.admin",
  repointReferencesAction: "workspace.admin",
  updateCacheSettingsAction: "workspace.admin",
  updateEgressAllowListAction: "workspace.admin",
  verifyAuditChainAction: "workspace.admin",
  saveProviderConfigAction: "workspace.admin",
  testProviderConfigAction: "workspace.admin",
  addReferencePolicyEntryAction: "workspace.admin",
  removeReferencePolicyEntryAction: "workspace.admin",
  dismissPolicyNoticeAction: "workspace.admin",
  saveConnectionAction: "project.edit",
  deleteConnectionAction: "project.edit",
  deleteConnectionAndLeaveAction: "project.edit",
  testConnectionAction: "project.edit",
  refreshConnectionAction: "project.edit",
  clearSecretsCacheAction: "workspace.admin",
  saveWorkflowAction: "project.edit",
  startRunAction: "project.edit",
  cancelRunAction: "project.edit",
  saveWorkflowSecretAction: "project.edit",
  deleteWorkflowSecretAction: "project.edit",
  setAllowedHostsAction: "project.admin",
  createApiTokenAction: "workspace.admin",
  revokeApiTokenAction: "workspace.admin",
  addUserAction: "workspace.admin",
  changeUserRolesAction: "workspace.admin",
  setUserActiveAction: "workspace.admin",
  createProjectAction: "workspace.admin",
  createWorkspaceAction: "workspace.create",
  changePasswordAction: "signed in",
  confirmPasswordAction: "signed in",
  signInAction: "public",
  signOutAction: "public",
  completeSetupAction: "public",
};

export interface RouteRule {
  method: string;
  /** The path as the app paths manifest names it, without the trailing "/route". */
  path: string;
  /** Token scopes that may call it; empty when tokens are refused. */
  tokens: readonly TokenScope[];
  /** What a signed-in browser session needs, or null when sessions are refused. */
  session: Rule | null;
  public?: true;
  /** It names no workspace: a token acts on its own, so another workspace's token is allowed (on its own data). */
  ownWorkspace?: true;
}

/** docs/roles.md "Route handlers". */
export const ROUTE_RULES: RouteRule[] = [
  { method: "GET", path: "/api/health", tokens: [], session: null, public: true },
  { method: "GET", path: "/api/ready", tokens: [], session: null, public: true },
  { method: "POST", path: "/api/secrets_management/clear_cache", tokens: ["cache:clear", "admin"], session: null, ownWorkspace: true },
  { method: "POST", path: "/api/v1/connections/[connectionId]/refresh", tokens: ["connections:refresh", "admin"], session: null },
  { method: "POST", path: "/api/v1/connections/[connectionId]/test", tokens: ["connections:test", "admin"], session: null },
  { method: "POST", path: "/api/v1/projects/[projectId]/workflows/[namespace]/[name]/runs", tokens: ["workflows:run", "admin"], session: null },
  { method: "GET", path: "/api/v1/projects/[projectId]/workflows/[namespace]/[name]/runs/[runId]", tokens: ["workflows:run", "admin"], session: null },
  { method: "GET", path: "/api/v1/workspaces/[workspaceId]/secrets", tokens: ["secrets:read", "admin"], session: "workspace.admin" },
  { method: "GET", path: "/api/v1/workspaces/[workspaceId]/secrets/keys", tokens: ["secrets:read", "admin"], session: "workspace.admin" },
  { method: "GET", path: "/api/v1/workspaces/[workspaceId]/secrets/health", tokens: ["secrets:read", "admin"], session: null },
  { method: "GET", path: "/api/v1/workspaces/[workspaceId]/jobs/[jobId]", tokens: [], session: "workspace.admin" },
  { method: "GET", path: "/api/openapi.json", tokens: [], session: null, public: true },
  { method: "GET", path: "/api/metrics", tokens: [], session: null },
  { method: "GET", path: "/api/workspaces/[workspaceId]/audit/export", tokens: [], session: "audit.read" },
  { method: "POST", path: "/api/agent/v1/hello", tokens: [], session: null },
  { method: "GET", path: "/api/agent/v1/jobs", tokens: [], session: null },
  { method: "POST", path: "/api/agent/v1/jobs/[jobId]/ack", tokens: [], session: null },
  { method: "POST", path: "/api/agent/v1/jobs/[jobId]/result", tokens: [], session: null },
  { method: "POST", path: "/api/agent/v1/bye", tokens: [], session: null },
];

const isToken = (p: Principal) => p.startsWith("token:") || p === "revoked token" || p === "other-workspace token";

/** Whether `who` may call something that needs `rule` through a session (tokens never hold a session). */
export function sessionAllows(rule: Rule, who: Principal): boolean {
  if (rule === "public") return true;
  if (who === "signed out" || isToken(who)) return false;
  if (rule === "signed in") return true;
  return (CAPABILITY_HOLDERS[rule] as readonly string[]).includes(who);
}

export function routeAllows(route: RouteRule, who: Principal): boolean {
  if (route.public) return true;
  if (who.startsWith("token:")) return (route.tokens as readonly string[]).includes(who.slice("token:".length));
  if (who === "other-workspace token") return route.ownWorkspace === true;
  if (isToken(who)) return false;
  return route.session !== null && sessionAllows(route.session, who);
}
