// The token scope each public API operation needs: the one table the routes (lib/api/route.ts `tokenFor`) and
// the OpenAPI document (./document.ts) both read, so the contract cannot promise a scope the route does not
// check (docs/api.md). The scopes themselves are defined once, in lib/auth/token-scopes.ts.
import { TOKEN_SCOPE_NAMES, TOKEN_SCOPES, type TokenScope } from "@/lib/auth/token-scopes";

export const API_SCOPES = TOKEN_SCOPE_NAMES;
export type ApiScope = TokenScope;

export const SCOPE_DESCRIPTIONS = Object.fromEntries(API_SCOPES.map((s) => [s, TOKEN_SCOPES[s].description])) as Record<ApiScope, string>;

/** Operation id → the scope a bearer token needs. Session-only operations are absent (./operations.ts). */
export const OPERATION_SCOPES = {
  clearCache: "cache:clear",
  refreshConnection: "connections:refresh",
  testConnection: "connections:test",
  startWorkflowRun: "workflows:run",
  getWorkflowRun: "workflows:run",
  listSecrets: "secrets:read",
  listSecretKeys: "secrets:read",
  getSecretHealth: "secrets:read",
} as const satisfies Record<string, ApiScope>;
export type ScopedOperation = keyof typeof OPERATION_SCOPES;
