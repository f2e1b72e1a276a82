// GET /api/v1/workspaces/{w}/secrets?projectId=&config=active|own&prefix=&pageToken= — the console's secret
// browser (session auth). Project editors browse their project's provider; workspace admins the workspace's.
import { z } from "zod";
import { requireProject, requireWorkspace } from "@/lib/auth/authorize";
import { isAppError } from "@/lib/errors";
import { activeConfigFor } from "@/lib/data/active-config";
import { getProviderConfig } from "@/lib/data/provider-configs";
import { browseSecrets } from "@/lib/services/secrets/browse";
import { isSecretsError } from "@/lib/secrets/errors";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  projectId: z.coerce.number().int().positive().optional(),
  config: z.enum(["active", "own"]).default("active"),
  prefix: z.string().max(200).optional(),
  pageToken: z.string().max(2000).optional(),
});

const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, VALIDATION: 400, THROTTLED: 429, PASSWORD_CHANGE_REQUIRED: 403 } as const;

export async function GET(request: Request, { params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ message: "Bad query." }, { status: 400 });
  try {
    const { projectId, config: which, prefix, pageToken } = query.data;
    const actor = projectId ? await requireProject(workspaceId, projectId, "project.edit") : await requireWorkspace(workspaceId, "workspace.admin");
    const config = projectId && which === "active" ? await activeConfigFor(actor.workspaceId, projectId) : await getProviderConfig(actor);
    if (!config) return Response.json({ message: "No secrets provider is configured here yet." }, { status: 404 });
    return Response.json(await browseSecrets(actor, config, { prefix: prefix || undefined, pageToken }));
  } catch (err) {
    if (isAppError(err)) return Response.json({ message: err.message }, { status: STATUS[err.code] });
    if (isSecretsError(err)) return Response.json({ message: err.message, error: err.toJSON() }, { status: err.category === "unavailable" ? 503 : 403 });
    throw err;
  }
}
