// Prometheus scrape endpoint (docs/operations.md "Metrics"): this instance's metrics in the text format, for the
// holder of the instance credential METRICS_TOKEN. Without one configured the endpoint is off (404), so a
// deployment that never set it exposes nothing.
import { instanceCredential } from "@/lib/api/instance-auth";
import { apiRoute } from "@/lib/api/route";
import { env } from "@/lib/env";
import { exposition } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: instanceCredential(env.METRICS_TOKEN, { name: "/api/metrics", variable: "METRICS_TOKEN" }),
  run: async () => {
    const { body, contentType } = await exposition();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
});
