// The API token scopes, defined once (docs/roles.md, "API token scopes"): what each allows, whether it acts on
// the whole workspace or on one project, and which routes need it. The token form, the token list, the route
// checks (lib/api/token-scope.ts), docs/roles.md's table and the tests all read this table. Pure: the browser
// renders it too.

export interface TokenScopeInfo {
  /** Short label for the form and the token list. */
  label: string;
  /** What the scope allows, in one sentence. */
  description: string;
  /**
   * "project": the call names a project (through a connection, a workflow or a projectId), so a token limited
   * to projects may make it for those. "workspace": the call acts on the whole workspace, so only a token that
   * is not limited to projects may make it.
   */
  level: "workspace" | "project";
  /** The routes that need this scope (method and path), for the docs table and the authorization matrix. */
  routes: readonly string[];
}

export const TOKEN_SCOPES = {
  "cache:clear": {
    label: "Clear cache",
    description: "Drop the workspace's cached secrets so rotated values are fetched on next use.",
    level: "workspace",
    routes: ["POST /api/secrets_management/clear_cache"],
  },
  "connections:test": {
    label: "Test connections",
    description: "Test a connection through the cache, as a run would (provider calls and a connection attempt).",
    level: "project",
    routes: ["POST /api/v1/connections/{id}/test"],
  },
  "connections:refresh": {
    label: "Refresh connections",
    description: "Drop a connection's cached secrets, resolve them again and re-test it.",
    level: "project",
    routes: ["POST /api/v1/connections/{id}/refresh"],
  },
  "secrets:read": {
    label: "Read secret names",
    description: "List secret names, metadata and JSON key names in the secret browser; never a value.",
    level: "project",
    routes: ["GET /api/v1/workspaces/{id}/secrets", "GET /api/v1/workspaces/{id}/secrets/keys", "GET /api/v1/workspaces/{id}/secrets/health"],
  },
  "workflows:run": {
    label: "Run workflows",
    description: "Start workflow runs and read their status, output and trace.",
    level: "project",
    routes: ["POST /api/v1/projects/{id}/workflows/{namespace}/{name}/runs", "GET /api/v1/projects/{id}/workflows/{namespace}/{name}/runs/{runId}"],
  },
  admin: {
    label: "Admin",
    description: "Every scope above, and every API a token may use later.",
    level: "project",
    routes: [],
  },
} as const satisfies Record<string, TokenScopeInfo>;

export type TokenScope = keyof typeof TOKEN_SCOPES;

export const TOKEN_SCOPE_NAMES = Object.keys(TOKEN_SCOPES) as TokenScope[];

export function isTokenScope(value: string): value is TokenScope {
  return Object.hasOwn(TOKEN_SCOPES, value);
}

/** What a token was granted: its scopes, and the projects it is limited to (null: every project). */
export interface TokenGrant {
  scopes: readonly TokenScope[];
  projectIds: readonly number[] | null;
}

/** The scopes the token holds for `need`: admin holds every scope. */
export function grantsScope(grant: Pick<TokenGrant, "scopes">, need: TokenScope): boolean {
  return grant.scopes.includes("admin") || grant.scopes.includes(need);
}

/**
 * The single decision: may a token with this grant use `need` on this target? A project-level scope needs the
 * project inside the token's limit; a workspace-level scope (or a call that names no project) needs a token
 * that is not limited to projects.
 */
export function tokenAllows(grant: TokenGrant, need: TokenScope, target: { projectId?: number } = {}): boolean {
  if (!grantsScope(grant, need)) return false;
  if (grant.projectIds === null) return true;
  if (TOKEN_SCOPES[need].level === "workspace" || target.projectId === undefined) return false;
  return grant.projectIds.includes(target.projectId);
}

/** Stored form: space-separated scope names, in table order (an OAuth-style scope string). */
export function formatScopes(scopes: readonly TokenScope[]): string {
  return TOKEN_SCOPE_NAMES.filter((s) => scopes.includes(s)).join(" ");
}

/** Reads the stored form; an unknown name (a scope removed later) is dropped, so it grants nothing. */
export function parseScopes(stored: string): TokenScope[] {
  const names = new Set(stored.split(/\s+/).filter(isTokenScope));
  return TOKEN_SCOPE_NAMES.filter((s) => names.has(s));
}

/** Stored form of the project limit: a JSON array of ids, or null for every project. */
export function parseProjectIds(stored: string | null): number[] | null {
  if (stored === null) return null;
  try {
    const value: unknown = JSON.parse(stored);
    if (Array.isArray(value) && value.every((v) => Number.isSafeInteger(v) && v > 0)) return value as number[];
  } catch {
    // fall through: an unreadable limit limits to nothing rather than to everything
  }
  return [];
}

/** The scopes migration 0010 gave tokens created before scopes existed (docs/roles.md). */
export const LEGACY_SCOPES: Record<"all" | "cache" | "workflows", TokenScope[]> = {
  all: ["admin"],
  cache: ["cache:clear", "connections:refresh"],
  workflows: ["workflows:run"],
};
