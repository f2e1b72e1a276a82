// Readiness: the database answers. No auth, and no error detail leaks to the caller.
import { checkDatabase } from "@/lib/data/health";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await checkDatabase();
    return Response.json({ status: "ready" });
  } catch (err) {
    log.error({ err }, "readiness check failed");
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
