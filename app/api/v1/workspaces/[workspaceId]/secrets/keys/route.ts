// GET /api/v1/workspaces/{w}/secrets/keys?projectId=&config=active|own&id=<secret id> — the JSON key names of
// one secret, for a row the user expanded in the secret browser: at most one value read, names cached for the
// workspace's TTL, never a value in the answer (lib/services/secrets/secret-keys.ts).
import { z } from "zod";
import { apiRoute, sessionOrBearer } from "@/lib/api/route";
import { browserConfig, browserParamsSchema, browserScopeQuery } from "@/lib/api/secret-browser";
import { secretKeyNames } from "@/lib/services/secrets/secret-keys";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  ...browserScopeQuery,
  id: z.string().min(1, "Say which secret: id is required.").max(2048),
});

export const GET = apiRoute({
  auth: sessionOrBearer("secrets:read"),
  params: browserParamsSchema,
  notFound: "Unknown workspace.",
  query: querySchema,
  run: async ({ who, params: { workspaceId }, query: { projectId, config: which, id } }) => {
    const { config } = await browserConfig(who, workspaceId, projectId, which);
    return Response.json(await secretKeyNames({ ...config, workspaceId }, id));
  },
});
