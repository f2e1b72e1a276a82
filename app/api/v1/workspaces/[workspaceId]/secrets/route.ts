// GET /api/v1/workspaces/{w}/secrets?projectId=&config=active|own&prefix=&pageToken= — the console's secret
// browser (session, or an API token with secrets:read): names only, listing calls only, no value read (key names: ./keys/route.ts).
// Every failure is a problem (lib/api/problem.ts); a provider's refusal carries its `code` and `fix`.
import { apiRoute, tokenOrSessionFor } from "@/lib/api/route";
import type { z } from "zod";
import { type browsePageSchema, browserParamsSchema, listSecretsQuerySchema } from "@/lib/api-contract/secrets";
import { browserConfig } from "@/lib/api/secret-browser";
import { browseSecrets } from "@/lib/services/secrets/browse";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: tokenOrSessionFor("listSecrets"),
  params: browserParamsSchema,
  notFound: "Unknown workspace.",
  query: listSecretsQuerySchema,
  run: async ({ who, params: { workspaceId }, query: { projectId, config: which, prefix, pageToken } }) => {
    const { actor, config } = await browserConfig(who, workspaceId, projectId, which);
    const page: z.input<typeof browsePageSchema> = await browseSecrets(actor, config, { prefix: prefix || undefined, pageToken });
    return Response.json(page);
  },
});
