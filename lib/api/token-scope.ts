import "server-only";
// The one check every route handler makes of an API token (docs/roles.md, "API token scopes"): the token holds
// the scope the route needs (admin holds all), and the project the call touches is inside the token's project
// limit; a call on the whole workspace needs a token without a limit. The decision itself is the pure
// tokenAllows of lib/auth/token-scopes.ts, which the authorization matrix reads too.
import { grantsScope, TOKEN_SCOPES, tokenAllows, type TokenScope } from "@/lib/auth/token-scopes";
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import { AppError } from "@/lib/errors";

function lacking(scope: TokenScope): AppError {
  return new AppError("FORBIDDEN", `This token does not have the ${scope} scope (${TOKEN_SCOPES[scope].label.toLowerCase()}).`);
}

/** Throws FORBIDDEN unless the token may use `scope` on the project named (or on the whole workspace when none is). */
export function requireTokenScope(who: ApiTokenIdentity, scope: TokenScope, target: { projectId?: number } = {}): void {
  if (!grantsScope(who, scope)) throw lacking(scope);
  if (tokenAllows(who, scope, target)) return;
  throw new AppError(
    "FORBIDDEN",
    target.projectId === undefined || TOKEN_SCOPES[scope].level === "workspace"
      ? "This token is limited to some projects; this call acts on the whole workspace."
      : "This token is limited to other projects.",
  );
}

/** The early half, before the project is known: refuses a token that lacks the scope everywhere. */
export function requireScopeHeld(who: ApiTokenIdentity, scope: TokenScope): void {
  if (!grantsScope(who, scope)) throw lacking(scope);
}
