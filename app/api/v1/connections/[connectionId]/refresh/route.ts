// POST /api/v1/connections/{id}/refresh — drops the cached secrets this connection references, resolves
// again and re-tests. 200 with the test report when the test ran (its ok may be false: the target refused);
// 403 when a referenced secret is missing or unauthorized; 503 when the provider is unavailable; 401 bad
// token; 404 unknown connection or another workspace's.
import { z } from "zod";
import { bearerIdentity } from "@/lib/api/bearer";
import { notFoundProblem, problem, PROBLEM_TYPES, unauthenticated } from "@/lib/api/problem";
import { apiProjectActorForConnection } from "@/lib/auth/api-actor";
import { refreshConnection } from "@/lib/connections/refresh-connection";

export const dynamic = "force-dynamic";

const idSchema = z.coerce.number().int().positive().max(2 ** 31 - 1);

export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }) {
  const { connectionId: raw } = await params;
  const instance = `/api/v1/connections/${encodeURIComponent(raw)}/refresh`;
  const identity = await bearerIdentity(request);
  if (!identity) return unauthenticated(instance);
  const id = idSchema.safeParse(raw);
  if (!id.success) return notFoundProblem(instance, "No such connection in this workspace.");
  const actor = await apiProjectActorForConnection(identity, id.data);
  if (!actor) return notFoundProblem(instance, "No such connection in this workspace.");

  const { report } = await refreshConnection(actor, id.data);
  const failures = report.references.filter((r) => !r.ok);
  const errors = failures.map((r) => ({ field: r.field, reference: r.reference, code: r.error?.code, detail: r.error?.message, fix: r.error?.fix }));
  if (failures.some((r) => r.error?.category === "unavailable")) {
    return problem({ type: PROBLEM_TYPES.unavailable, title: "Secrets provider unavailable", status: 503, detail: "The secrets provider did not answer; try again shortly.", instance, errors }, { "retry-after": "30" });
  }
  if (failures.length > 0) {
    return problem({ type: PROBLEM_TYPES.authorization, title: "Secret not available", status: 403, detail: `${failures.length} reference${failures.length === 1 ? "" : "s"} could not be resolved: ${failures.map((f) => f.reference).join(", ")}.`, instance, errors });
  }
  return Response.json(report);
}
