// Liveness: the process answers. No auth, no detail.
import { apiRoute, nobody } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: nobody, run: async () => Response.json({ status: "ok" }) });
