// The token scope each public API operation needs: the one table the routes (lib/api/route.ts `tokenFor`) and
// the OpenAPI document (./document.ts) both read, so the contract cannot promise a scope the route does not
// check (docs/api.md). The scope names are the fine-grained ones API tokens move to; until they do, each scope
// is granted by the token kinds listed in TOKEN_KINDS_GRANTING (the only line to change when they switch).

export const API_SCOPES = ["cache:clear", "connections:test", "connections:refresh", "secrets:read", "workflows:run", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  "cache:clear": "Clear the workspace's cached secrets.",
  "connections:test": "Test a connection (resolves its references through the cache).",
  "connections:refresh": "Drop a connection's cached secrets, resolve again and re-test.",
  "secrets:read": "Browse secret names and key names (never values).",
  "workflows:run": "Start workflow runs and read their status.",
  admin: "Every operation.",
};

/** Today's token kinds (`ApiToken.scope`: all, cache, workflows) and the scopes each one grants. */
export type TokenKind = "all" | "cache" | "workflows";
export const TOKEN_KINDS_GRANTING: Record<ApiScope, readonly TokenKind[]> = {
  "cache:clear": ["all", "cache"],
  "connections:refresh": ["all", "cache"],
  "connections:test": ["all"],
  "secrets:read": ["all"],
  "workflows:run": ["all", "workflows"],
  admin: ["all"],
};

/** Operation id → the scope a bearer token needs. Session-only operations are absent (./operations.ts). */
export const OPERATION_SCOPES = {
  clearCache: "cache:clear",
  refreshConnection: "connections:refresh",
  testConnection: "connections:test",
  startWorkflowRun: "workflows:run",
  getWorkflowRun: "workflows:run",
} as const satisfies Record<string, ApiScope>;
export type ScopedOperation = keyof typeof OPERATION_SCOPES;

export function tokenKindGrants(kind: string, scope: ApiScope): boolean {
  return (TOKEN_KINDS_GRANTING[scope] as readonly string[]).includes(kind);
}
