import "server-only";
// The secret health API's authorization: a workspace token of its own workspace holding secrets:read for the
// whole workspace (a token limited to projects is refused: the answer spans every project).
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import { AppError } from "@/lib/errors";
import { requireTokenScope } from "./token-scope";

/** The identity when it may read this workspace's secret health; another workspace is "not found". */
export function healthReader(identity: ApiTokenIdentity, workspaceId: number): ApiTokenIdentity {
  if (identity.workspaceId !== workspaceId) throw new AppError("NOT_FOUND", "Unknown workspace.");
  requireTokenScope(identity, "secrets:read");
  return identity;
}
