// Readiness (docs/operations.md "Readiness"): each dependency with its state; 200 when all are ready, else a 503
// problem carrying the same checks. No auth, and no error detail: the reasons are in the server log.
import { problem, PROBLEM_TYPES } from "@/lib/api/problem";
import { apiRoute, nobody } from "@/lib/api/route";
import { readiness } from "@/lib/services/readiness";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: nobody,
  run: async ({ instance }) => {
    const { ready, checks } = await readiness();
    const headers = { "cache-control": "no-store" };
    if (ready) return Response.json({ status: "ready", checks }, { headers });
    const failing = Object.entries(checks)
      .filter(([, c]) => !c.ok)
      .map(([name]) => name);
    return problem(
      { type: PROBLEM_TYPES.notReady, title: "Not ready", status: 503, detail: `Not ready: ${failing.join(", ")} (see the server log).`, instance, checks },
      headers,
    );
  },
});
