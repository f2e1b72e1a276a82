// GET /api/v1/workspaces/{w}/secrets?projectId=&config=active|own&prefix=&pageToken= — the console's secret
// browser (session auth). Project editors browse their project's provider; workspace admins the workspace's.
// Every failure is a problem (lib/api/problem.ts); a provider's refusal carries its `code` and `fix`.
import { z } from "zod";
import { apiRoute, session } from "@/lib/api/route";
import { requireProject, requireWorkspace } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import { activeConfigFor } from "@/lib/data/active-config";
import { getProviderConfig } from "@/lib/data/provider-configs";
import { browseSecrets } from "@/lib/services/secrets/browse";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  workspaceId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

const querySchema = z.object({
  projectId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  config: z.enum(["active", "own"]).default("active"),
  prefix: z.string().max(200).optional(),
  pageToken: z.string().max(2000).optional(),
});

export const GET = apiRoute({
  auth: session,
  params: paramsSchema,
  notFound: "Unknown workspace.",
  query: querySchema,
  run: async ({ params: { workspaceId }, query: { projectId, config: which, prefix, pageToken } }) => {
    const actor = projectId ? await requireProject(workspaceId, projectId, "project.edit") : await requireWorkspace(workspaceId, "workspace.admin");
    const config = projectId && which === "active" ? await activeConfigFor(actor.workspaceId, projectId) : await getProviderConfig(actor);
    if (!config) throw new AppError("NOT_FOUND", "No secrets provider is configured here yet.");
    return Response.json(await browseSecrets(actor, config, { prefix: prefix || undefined, pageToken }));
  },
});
