// Readiness: the database answers. No auth, and no error detail leaks to the caller.
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
      return problem({ type: PROBLEM_TYPES.notReady, title: "Not ready", status: 503, detail: "The database does not answer.", instance });
    }
    return Response.json({ status: "ready" });
  },
});
