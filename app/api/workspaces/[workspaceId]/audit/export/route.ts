// GET /api/workspaces/{w}/audit/export?format=csv|json&action=&outcome=&projectId=&actor= — the audit log as
// the page shows it, filtered the same way and authorized the same way (session; workspace admins see every
// event, project admins their projects' events, anyone else 403). At most 10 000 events, newest first; the
// X-Export-Truncated header says when there were more. CSV cells are spreadsheet-safe (lib/api/csv.ts).
import { z } from "zod";
import { csvRows } from "@/lib/api/csv";
import { apiRoute, session } from "@/lib/api/route";
import { requireWorkspace } from "@/lib/auth/authorize";
import { auditableProjectIds, exportAuditEvents } from "@/lib/data/audit";
import { AppError } from "@/lib/errors";
import { auditFiltersSchema } from "@/lib/validations/audit";
import { dbIdSchema } from "@/lib/validations/paging";
import { describeAuditEvent } from "@/lib/views/audit-event";

export const dynamic = "force-dynamic";

const MAX_EVENTS = 10_000;

export const GET = apiRoute({
  auth: session,
  params: z.object({ workspaceId: dbIdSchema }),
  notFound: "Unknown workspace.",
  query: auditFiltersSchema.omit({ before: true }).extend({ format: z.enum(["csv", "json"], { error: "format must be csv or json" }) }),
  run: async ({ params, query: { format, ...filters } }) => {
    const actor = await requireWorkspace(params.workspaceId, "workspace.view");
    const allowed = await auditableProjectIds(actor);
    if (allowed !== "all" && allowed.length === 0) throw new AppError("FORBIDDEN", "Only workspace admins and project admins can read the audit log.");
    const { events, truncated } = await exportAuditEvents(actor, filters, MAX_EVENTS);
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
    const headers = {
      "content-disposition": `attachment; filename="audit-workspace-${actor.workspaceId}-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-export-truncated": String(truncated),
    };
    const rows = events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), summary: describeAuditEvent(e).sentence }));
    if (format === "json") return Response.json({ events: rows, truncated }, { headers });
    const header = ["id", "createdAt", "actor", "action", "projectId", "targetType", "targetId", "outcome", "summary", "detail"];
    const body = csvRows(
      header,
      rows.map((r) => [r.id, r.createdAt, r.actorLabel, r.action, r.projectId, r.targetType, r.targetId, r.outcome, r.summary, r.detail]),
    );
    return new Response(body, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  },
});
