import "server-only";
// Shared by the refresh and test APIs: bearer auth, the connection id, and the status a test report maps to.
import { z } from "zod";
import { apiProjectActorForConnection } from "@/lib/auth/api-actor";
import type { ProjectActor } from "@/lib/auth/actor";
import { bearerIdentity } from "./bearer";
import { notFoundProblem, problem, PROBLEM_TYPES, unauthenticated } from "./problem";
import type { ConnectionTestReport } from "@/lib/views/connections";

const idSchema = z.coerce.number().int().positive().max(2 ** 31 - 1);

/** `cacheTokensAllowed`: whether a token limited to the cache APIs (clear-cache, refresh) may call this one. */
export async function connectionRouteActor(request: Request, rawId: string, instance: string, cacheTokensAllowed: boolean): Promise<{ actor: ProjectActor; connectionId: number } | Response> {
  const identity = await bearerIdentity(request);
  if (!identity) return unauthenticated(instance);
  if (identity.scope === "cache" && !cacheTokensAllowed) {
    return problem({ type: PROBLEM_TYPES.authorization, title: "Forbidden", status: 403, detail: "This token is limited to the clear-cache and refresh APIs.", instance });
  }
  const id = idSchema.safeParse(rawId);
  const actor = id.success ? await apiProjectActorForConnection(identity, id.data) : null;
  if (!id.success || !actor) return notFoundProblem(instance, "No such connection in this workspace.");
  return { actor, connectionId: id.data };
}

/** 200 with the report when the test ran (ok may be false); 403 when a reference failed; 503 on an outage. */
export function testReportResponse(report: ConnectionTestReport, instance: string): Response {
  const failures = report.references.filter((r) => !r.ok);
  const errors = failures.map((r) => ({ field: r.field, reference: r.reference, code: r.error?.code, detail: r.error?.message, fix: r.error?.fix }));
  if (failures.some((r) => r.error?.category === "unavailable")) {
    return problem({ type: PROBLEM_TYPES.unavailable, title: "Secrets provider unavailable", status: 503, detail: "The secrets provider did not answer; try again shortly.", instance, errors }, { "retry-after": "30" });
  }
  if (failures.length > 0) {
    const list = failures.map((f) => f.reference).join(", ");
    return problem({ type: PROBLEM_TYPES.authorization, title: "Secret not available", status: 403, detail: `${failures.length} reference${failures.length === 1 ? "" : "s"} could not be resolved: ${list}.`, instance, errors });
  }
  return Response.json(report);
}
