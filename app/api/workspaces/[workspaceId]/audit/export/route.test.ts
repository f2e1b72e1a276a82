// The audit export: authorized like the audit page (owner/admin: everything; project admin: their projects;
// editor, viewer, another workspace's owner, no session: nothing), filtered like the page, CSV-injection safe.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recordAudit } from "@/lib/data/audit";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";

const session = vi.hoisted(() => ({ user: null as null | { userId: number; email: string } }));
vi.mock("@/lib/auth/current-user", () => ({
  getSessionUser: async () => (session.user ? { ...session.user, mustChangePassword: false } : null),
}));

const { GET } = await import("./route");

function as(actor: { userId: number; email: string } | null) {
  session.user = actor ? { userId: actor.userId, email: actor.email } : null;
}
const get = (workspaceId: number | string, query: string) =>
  GET(new Request(`http://localhost/api/workspaces/${workspaceId}/audit/export?${query}`), { params: Promise.resolve({ workspaceId: String(workspaceId) }) });

async function seed() {
  const s = await seedWorkspace();
  const [a, b] = s.projects;
  await recordAudit({ workspaceId: s.ws.id, actorLabel: s.owner.email, action: "workspace.egress.updated", detail: { mode: "strict", entries: [] } });
  await recordAudit({
    workspaceId: s.ws.id,
    projectId: a!.id,
    actorLabel: '=HYPERLINK("http://evil")',
    action: "connection.created",
    targetType: "connection",
    targetId: 5,
    detail: { name: "+cmd|' /C calc'!A0", type: "http" },
  });
  await recordAudit({ workspaceId: s.ws.id, projectId: b!.id, actorLabel: "@ops", action: "connection.deleted", outcome: "failure", detail: { name: "-2+3" } });
  return s;
}

beforeEach(() => as(null));

describe("audit export", () => {
  it("gives the owner every event as CSV, with formula-looking cells neutralized", async () => {
    const s = await seed();
    as(s.wsActor);
    const res = await get(s.ws.id, "format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="audit-workspace-${s.ws.id}-.+\\.csv"`));
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe('"id","createdAt","actor","action","projectId","targetType","targetId","outcome","summary","detail"');
    expect(lines).toHaveLength(4);
    const body = lines.join("\n");
    expect(body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(body).toContain(`"'@ops"`);
    expect(body).toContain('"=HYPERLINK(""http://evil"") created the http connection “+cmd|\' /C calc\'!A0” (connection #5)."'.replace('"=', "\"'="));
    // No cell starts with a formula character once the quote is stripped.
    for (const cell of body.match(/"(?:[^"]|"")*"/g) ?? []) expect(cell.slice(1)).not.toMatch(/^[=+\-@]/);
  });

  it("filters like the page and answers JSON with readable summaries", async () => {
    const s = await seed();
    as(s.wsActor);
    const res = await get(s.ws.id, "format=json&outcome=failure");
    const body = (await res.json()) as { events: Array<{ action: string; summary: string }>; truncated: boolean };
    expect(body.truncated).toBe(false);
    expect(body.events.map((e) => e.action)).toEqual(["connection.deleted"]);
    expect(body.events[0]?.summary).toBe("@ops deleted the connection “-2+3” — it failed.");
  });

  it("gives a project admin only their project's events", async () => {
    const s = await seed();
    const { ws: projectAdmin } = await actorWithRoles(s.ws.id, s.projects[0]!.id, "member", "admin");
    as(projectAdmin);
    const body = (await (await get(s.ws.id, "format=json")).json()) as { events: Array<{ action: string }> };
    expect(body.events.map((e) => e.action)).toEqual(["connection.created"]);
    // Asking for the other project's events yields none.
    const other = (await (await get(s.ws.id, `format=json&projectId=${s.projects[1]!.id}`)).json()) as { events: unknown[] };
    expect(other.events).toEqual([]);
  });

  it("refuses editors, viewers, another workspace's owner and callers without a session", async () => {
    const s = await seed();
    for (const role of ["editor", "viewer"] as const) {
      const { ws: actor } = await actorWithRoles(s.ws.id, s.projects[0]!.id, "member", role);
      as(actor);
      const res = await get(s.ws.id, "format=csv");
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain("connection.created");
    }
    const stranger = await seedWorkspace();
    as(stranger.wsActor);
    expect((await get(s.ws.id, "format=json")).status).toBe(404);
    as(null);
    expect((await get(s.ws.id, "format=json")).status).toBe(401);
  });

  it("answers a bad format with a 400 and a malformed workspace id with a 404", async () => {
    const s = await seed();
    as(s.wsActor);
    const bad = await get(s.ws.id, "format=xlsx");
    expect(bad.status).toBe(400);
    expect((await get("abc", "format=csv")).status).toBe(404);
  });
});
