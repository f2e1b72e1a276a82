// GET /api/v1/workspaces/{w}/secrets?projectId=&config=active|own&prefix=&pageToken= — the console's secret
// browser (session, or an API token with secrets:read): names only, listing calls only, no value read (key names: ./keys/route.ts).
// Every failure is a problem (lib/api/problem.ts); a provider's refusal carries its `code` and `fix`.
import { z } from "zod";
import { apiRoute, sessionOrBearer } from "@/lib/api/route";
import { browserConfig, browserParamsSchema, browserScopeQuery } from "@/lib/api/secret-browser";
import { browseSecrets } from "@/lib/services/secrets/browse";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  ...browserScopeQuery,
  prefix: z.string().max(200).optional(),
  pageToken: z.string().max(2000).optional(),
});

export const GET = apiRoute({
  auth: sessionOrBearer("secrets:read"),
  params: browserParamsSchema,
  notFound: "Unknown workspace.",
  query: querySchema,
  run: async ({ who, params: { workspaceId }, query: { projectId, config: which, prefix, pageToken } }) => {
    const { actor, config } = await browserConfig(who, workspaceId, projectId, which);
    return Response.json(await browseSecrets(actor, config, { prefix: prefix || undefined, pageToken }));
  },
});
