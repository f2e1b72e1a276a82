// Every console page with real ids from the demo workspace (the E2E admin's), for the axe spec: the list is
// checked against app/**/page.tsx, so a new page without an entry fails the spec (docs/accessibility.md).
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { db } from "@/lib/db";

/** Page templates the axe spec does not visit signed in, each with the reason. */
export const NOT_VISITED: Record<string, string> = {
  "/setup": "first-owner setup only renders on an empty database (playwright.empty.config.ts covers it); here it redirects",
  "/": "redirects to the workspace home, which is visited",
};

/** Route templates of every page.tsx under app/, route groups dropped: "/w/[workspaceId]/settings". */
export function pageTemplates(appDir = join(process.cwd(), "app")): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name === "page.tsx" ? [join(dir, e.name)] : []));
  return walk(appDir)
    .map(
      (file) =>
        `/${relative(appDir, file)
          .split(sep)
          .slice(0, -1)
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/")}`.replace(/\/$/, "") || "/",
    )
    .sort();
}

/** Template → a real URL in the demo workspace, with a finished run written for the run page (no queue work). */
export async function demoUrls(): Promise<Record<string, string>> {
  const wf = await db.workflow.findFirstOrThrow({ where: { namespace: "demo" }, orderBy: { id: "asc" } });
  const connection = await db.connection.findFirstOrThrow({ where: { project: { workspaceId: wf.workspaceId } }, orderBy: { id: "asc" } });
  const runId = randomUUID();
  const now = new Date();
  await db.workflowRun.create({
    data: {
      id: runId,
      workspaceId: wf.workspaceId,
      projectId: wf.projectId,
      workflowId: wf.id,
      revision: wf.revision,
      status: "completed",
      input: {},
      output: { ok: true },
      startedBy: "axe spec",
      timeoutMs: 60_000,
      startedAt: now,
      finishedAt: now,
    },
  });
  const ids: Record<string, string> = {
    workspaceId: String(wf.workspaceId),
    projectId: String(connection.projectId),
    connectionId: String(connection.id),
    workflowId: String(wf.id),
    runId,
  };
  const urls: Record<string, string> = {};
  for (const template of pageTemplates()) {
    if (template in NOT_VISITED) continue;
    // The workflow pages need the workflow's own project.
    const project = template.includes("/workflows") ? String(wf.projectId) : ids.projectId!;
    urls[template] = template.replace(/\[(\w+)\]/g, (_, name: string) => (name === "projectId" ? project : ids[name]!));
  }
  return urls;
}
