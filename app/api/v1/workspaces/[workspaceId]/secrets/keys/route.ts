// GET /api/v1/workspaces/{w}/secrets/keys?projectId=&config=active|own&id=<secret id> — the JSON key names of
// one secret, for a row the user expanded in the secret browser: at most one value read, names cached for the
// workspace's TTL, never a value in the answer (lib/services/secrets/secret-keys.ts).
import { apiRoute, tokenOrSessionFor } from "@/lib/api/route";
import type { z } from "zod";
import { browserParamsSchema, type secretKeysSchema, secretKeysQuerySchema } from "@/lib/api-contract/secrets";
import { browserConfig } from "@/lib/api/secret-browser";
import { secretKeyNames } from "@/lib/services/secrets/secret-keys";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: tokenOrSessionFor("listSecretKeys"),
  params: browserParamsSchema,
  notFound: "Unknown workspace.",
  query: secretKeysQuerySchema,
  run: async ({ who, params: { workspaceId }, query: { projectId, config: which, id } }) => {
    const { config } = await browserConfig(who, workspaceId, projectId, which);
    const keys: z.input<typeof secretKeysSchema> = await secretKeyNames({ ...config, workspaceId }, id);
    return Response.json(keys);
  },
});
