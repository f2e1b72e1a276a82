// The workflow run API end to end on SQLite: a token queues a run (202), the run executes on this process's
// queue, and GET answers its status and trace; cache-only tokens, other workspaces and bad bodies are refused
// with problem+json.
import { afterAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/data/api-tokens";
import { saveWorkflowSecret } from "@/lib/data/workflow-secrets";
import { saveDefinition } from "@/lib/services/workflows/definitions";
import { runQueue } from "@/lib/services/workflows/queue";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { POST as testConnection } from "../../../../../../connections/[connectionId]/test/route";
import { GET } from "./[runId]/route";
import { POST } from "./route";

const CANARY = "canary-api-3f9a01";
afterAll(() => runQueue().stop());

const DEFINITION = `document: { dsl: '1.0.0', namespace: demo, name: greet, version: '1.0.0' }
use:
  secrets: [greeting]
do:
  - hello:
      set: { said: hello }
`;

function call(handler: typeof POST, url: string, token: string, body?: unknown, params: Record<string, string> = {}) {
  const request = new Request(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) });
}

describe("POST/GET /api/v1/projects/{id}/workflows/{namespace}/{name}/runs", () => {
  it("queues a run (202) and reports its status and trace", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    await saveWorkflowSecret(actor, { name: "greeting", kind: "literal", value: CANARY });
    expect((await saveDefinition(actor, DEFINITION)).ok).toBe(true);
    const { token } = await createApiToken(wsActor, { name: "runner", scopes: ["admin"], projectIds: null, expiresInDays: null });
    const params = { projectId: String(actor.projectId), namespace: "demo", name: "greet" };
    const base = `http://localhost/api/v1/projects/${actor.projectId}/workflows/demo/greet/runs`;
    const res = await call(POST, base, token, { input: { a: 1 } }, params);
    expect(res.status).toBe(202);
    const { id, location } = (await res.json()) as { id: string; location: string };
    expect(location).toBe(`/api/v1/projects/${actor.projectId}/workflows/demo/greet/runs/${id}`);
    let run: { status: string; trace: Array<{ task: string; status: string }> } | undefined;
    for (let i = 0; i < 100; i++) {
      const got = await call(GET, `${base}/${id}`, token, undefined, { ...params, runId: id });
      expect(got.status).toBe(200);
      const text = await got.text();
      expect(text).not.toContain(CANARY);
      run = JSON.parse(text);
      if (run!.status === "completed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run?.status).toBe("completed");
    expect(run?.trace.some((e) => e.task === "/do/0/hello" && e.status === "completed")).toBe(true);
  });

  it("refuses cache tokens (403), other workspaces' projects (404) and bad bodies (400) as problem+json; workflow tokens run workflows only", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const other = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    expect((await saveDefinition(actor, DEFINITION)).ok).toBe(true);
    const cache = await createApiToken(wsActor, { name: "cache", scopes: ["cache:clear", "connections:refresh"], projectIds: null, expiresInDays: null });
    const all = await createApiToken(wsActor, { name: "all", scopes: ["admin"], projectIds: null, expiresInDays: null });
    const params = { projectId: String(actor.projectId), namespace: "demo", name: "greet" };
    const url = `http://localhost/api/v1/projects/${actor.projectId}/workflows/demo/greet/runs`;
    const forbidden = await call(POST, url, cache.token, {}, params);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("content-type")).toContain("application/problem+json");
    const elsewhere = await call(POST, url, all.token, {}, { ...params, projectId: String(other.projects[0]!.id) });
    expect(elsewhere.status).toBe(404);
    const unknown = await call(POST, url, all.token, {}, { ...params, name: "nope" });
    expect(unknown.status).toBe(404);
    const bad = await call(POST, url, all.token, { input: [1], extra: true }, params);
    expect(bad.status).toBe(400);
    expect((await call(POST, url, "kh_nope", {}, params)).status).toBe(401);
    // A token limited to running workflows runs them, and nothing else.
    const runner = await createApiToken(wsActor, { name: "runner", scopes: ["workflows:run"], projectIds: null, expiresInDays: null });
    expect((await call(POST, url, runner.token, {}, params)).status).toBe(202);
    const elsewhereCall = await call(testConnection, "http://localhost/api/v1/connections/1/test", runner.token, {}, { connectionId: "1" });
    expect(elsewhereCall.status).toBe(403);
  });
});
