import "server-only";
// Shared by the refresh and test APIs: the project actor a token gets for it, and the
// status a test report maps to.
import type { ConnectionTestReportJson } from "@/lib/api-contract/connections";
import { apiProjectActorForConnection } from "@/lib/auth/api-actor";
import type { ProjectActor } from "@/lib/auth/actor";
import type { TokenScope } from "@/lib/auth/token-scopes";
import type { ApiTokenIdentity } from "@/lib/data/api-tokens";
import type { ConnectionTestReport } from "@/lib/views/connections";
import { AppError } from "@/lib/errors";
import { problem, PROBLEM_TYPES, RETRY_AFTER_SECONDS } from "./problem";
import { requireTokenScope } from "./token-scope";

export const NO_SUCH_CONNECTION = "No such connection in this workspace.";

/**
 * Another workspace's connection is simply not found: the token's workspace is in the where. Then the token
 * must hold `scope` for the connection's project (lib/api/token-scope.ts).
 */
export async function connectionActor(identity: ApiTokenIdentity, connectionId: number, scope: TokenScope): Promise<ProjectActor> {
  const actor = await apiProjectActorForConnection(identity, connectionId);
  if (!actor) throw new AppError("NOT_FOUND", NO_SUCH_CONNECTION);
  requireTokenScope(identity, scope, { projectId: actor.projectId });
  return actor;
}

/** 200 with the report when the test ran (ok may be false); 403 when a reference failed; 503 on an outage. */
export function testReportResponse(report: ConnectionTestReport, instance: string): Response {
  const failures = report.references.filter((r) => !r.ok);
  const errors = failures.map((r) => ({ field: r.field, reference: r.reference, code: r.error?.code, detail: r.error?.message, fix: r.error?.fix }));
  if (failures.some((r) => r.error?.category === "unavailable")) {
    return problem(
      {
        type: PROBLEM_TYPES.unavailable,
        title: "Secrets provider unavailable",
        status: 503,
        detail: "The secrets provider did not answer; try again shortly.",
        instance,
        errors,
      },
      { "retry-after": RETRY_AFTER_SECONDS },
    );
  }
  if (failures.length > 0) {
    const list = failures.map((f) => f.reference).join(", ");
    return problem({
      type: PROBLEM_TYPES.authorization,
      title: "Secret not available",
      status: 403,
      detail: `${failures.length} reference${failures.length === 1 ? "" : "s"} could not be resolved: ${list}.`,
      instance,
      errors,
    });
  }
  return Response.json(report satisfies ConnectionTestReportJson);
}
