import "server-only";
// The secret health API's authorization: a workspace token of its own workspace with the read scope. The
// token scope model is being replaced by named scopes; until then only "all" tokens carry it, and the scope
// this route needs is named once, here, for the new model to map.
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import { AppError } from "@/lib/errors";

/** The named scope GET /api/v1/workspaces/{id}/secrets/health requires (docs/rotation.md). */
export const SECRET_HEALTH_SCOPE = "secrets:read";

/** The token's scopes in the named model; today's "all" tokens hold every read scope. */
function holdsScope(identity: ApiTokenIdentity, scope: string): boolean {
  return identity.scope === "all" || (identity.scope as string) === scope;
}

/** The identity when it may read this workspace's secret health; another workspace is "not found". */
export function healthReader(identity: ApiTokenIdentity, workspaceId: number): ApiTokenIdentity {
  if (identity.workspaceId !== workspaceId) throw new AppError("NOT_FOUND", "Unknown workspace.");
  if (!holdsScope(identity, SECRET_HEALTH_SCOPE)) throw new AppError("FORBIDDEN", `This token lacks the ${SECRET_HEALTH_SCOPE} scope.`);
  return identity;
}
