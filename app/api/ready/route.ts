// Readiness: the database answers and the master key is the database's. No auth, and no error detail leaks to the caller.
import { problem, PROBLEM_TYPES } from "@/lib/api/problem";
import { apiRoute, nobody } from "@/lib/api/route";
import { checkDatabase } from "@/lib/data/health";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: nobody,
  run: async ({ instance }) => {
    try {
      await checkDatabase();
    } catch (err) {
      log.error({ err }, "readiness check failed");
      return problem({
        type: PROBLEM_TYPES.notReady,
        title: "Not ready",
        status: 503,
        detail: "The database does not answer, or the master key check failed (see the server log).",
        instance,
      });
    }
    return Response.json({ status: "ready" });
  },
});
