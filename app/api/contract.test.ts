// The OpenAPI contract (docs/api.md): every route file under app/api/v1 and clear_cache is in the document with
// the token scope the route checks, every other route is excluded here with a reason, and real answers of the
// token APIs (successes and problems) validate against the document with Ajv. The secret browser's answers are
// checked in ./contract-session.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api-contract/document";
import { API_OPERATIONS } from "@/lib/api-contract/operations";
import { OPERATION_SCOPES } from "@/lib/api-contract/scopes";
import { createApiToken } from "@/lib/data/api-tokens";
import { createConnection } from "@/lib/data/connections";
import { updateEgressPolicy } from "@/lib/data/workspace-settings";
import { saveDefinition } from "@/lib/services/workflows/definitions";
import { runQueue } from "@/lib/services/workflows/queue";
import { checkResponse, contractValidator } from "@/lib/testing/openapi-contract";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { POST as clearCache } from "./secrets_management/clear_cache/route";
import { POST as refreshConnection } from "./v1/connections/[connectionId]/refresh/route";
import { POST as testConnection } from "./v1/connections/[connectionId]/test/route";
import { GET as getRun } from "./v1/projects/[projectId]/workflows/[namespace]/[name]/runs/[runId]/route";
import { POST as startRun } from "./v1/projects/[projectId]/workflows/[namespace]/[name]/runs/route";

/** Routes outside the public API, each with the reason it is not in the document. */
const EXCLUDED: Record<string, string> = {
  "GET /api/health": "liveness probe for the orchestrator, not an API for clients (docs/operations.md)",
  "GET /api/ready": "readiness probe for the orchestrator, not an API for clients",
  "GET /api/openapi.json": "the document itself",
  "POST /api/agent/v1/hello": "the on-prem agent's own protocol (agent keys, docs/agent.md), not an API for clients",
  "GET /api/agent/v1/jobs": "the on-prem agent's long poll (docs/agent.md)",
  "POST /api/agent/v1/jobs/{jobId}/ack": "the on-prem agent's protocol (docs/agent.md)",
  "POST /api/agent/v1/jobs/{jobId}/result": "the on-prem agent's protocol (docs/agent.md)",
  "POST /api/agent/v1/bye": "the on-prem agent's protocol (docs/agent.md)",
  "GET /api/metrics": "Prometheus text for scrapers with the instance credential, not JSON for API clients (docs/operations.md)",
  "GET /api/workspaces/{workspaceId}/audit/export": "the audit page's download (session cookie, CSV or JSON file), not an API for tokens",
};

const API_DIR = path.join(import.meta.dirname);
const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { operationId: string; "x-keyhold-scope"?: string }>> };
const check = contractValidator();

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}

/** Each exported HTTP method of each route file, as "METHOD /api/path/{param}". */
function routes(): Array<{ key: string; file: string; source: string }> {
  return routeFiles(API_DIR).flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const template = `/api/${path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
    return methods.map((m) => ({ key: `${m} ${template}`, file, source }));
  });
}

describe("the OpenAPI document covers the public API", () => {
  it("has every route under /api/v1 and clear_cache, and nothing else except the listed exclusions", () => {
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`)));
    const all = routes();
    expect(all.length).toBeGreaterThanOrEqual(10);
    const publicApi = all.filter((r) => /^\w+ \/api\/(v1\/|secrets_management\/clear_cache$)/.test(r.key)).map((r) => r.key);
    expect(
      publicApi.filter((k) => !documented.has(k)),
      "routes missing from the document",
    ).toEqual([]);
    const others = all.map((r) => r.key).filter((k) => !publicApi.includes(k));
    expect(
      others.filter((k) => !(k in EXCLUDED)),
      "routes neither documented nor excluded with a reason",
    ).toEqual([]);
    expect(
      Object.keys(EXCLUDED).filter((k) => !others.includes(k)),
      "stale exclusions",
    ).toEqual([]);
    expect(
      [...documented].filter((k) => !publicApi.includes(k)),
      "documented operations without a route",
    ).toEqual([]);
  });

  it("takes each route's authentication from the operation it documents (scope or session)", () => {
    const byKey = new Map(routes().map((r) => [r.key, r.source]));
    for (const op of API_OPERATIONS) {
      const source = byKey.get(`${op.method.toUpperCase()} ${op.path}`)!;
      if (op.auth.kind === "token") {
        const wrapper = op.auth.sessionRoles ? "tokenOrSessionFor" : "tokenFor";
        expect(source, op.id).toContain(`auth: ${wrapper}("${op.auth.operation}")`);
        expect(op.auth.operation).toBe(op.id);
        expect(doc.paths[op.path]![op.method]!["x-keyhold-scope"]).toBe(OPERATION_SCOPES[op.auth.operation]);
      } else {
        expect(source, op.id).toContain("auth: session,");
      }
    }
  });
});

describe("real answers validate against the document", () => {
  let target: http.Server;
  let base = "";
  beforeAll(async () => {
    target = http.createServer((_req, res) => res.writeHead(200).end("ok"));
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await runQueue().stop();
    await new Promise((r) => target.close(r));
  });

  const call = (handler: typeof clearCache, url: string, token: string | null, params: Record<string, string> = {}, body?: unknown) =>
    handler(
      new Request(`http://localhost${url}`, {
        method: body === undefined && url.includes("/runs/") ? "GET" : "POST",
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { params: Promise.resolve(params) },
    );

  async function expectConforms(operationId: string, res: Response, status: number) {
    expect(res.status, operationId).toBe(status);
    expect(await checkResponse(check, operationId, res)).toEqual([]);
  }

  it("cache and connection APIs: 200 answers and 401, 403, 404 problems", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    await updateEgressPolicy(wsActor, { mode: "public", allowList: ["127.0.0.1"] });
    const id = await createConnection(projectActor(projects[0]!.id), {
      name: "API",
      type: "http",
      settings: { baseUrl: base, authKind: "bearer", testPath: "/" },
      credentials: { token: { mode: "set", value: "contract-token" } },
    });
    const all = (await createApiToken(wsActor, { name: "all", scopes: ["admin"], projectIds: null, expiresInDays: null })).token;
    const cache = (await createApiToken(wsActor, { name: "cache", scopes: ["cache:clear", "connections:refresh"], projectIds: null, expiresInDays: null }))
      .token;
    const workflows = (await createApiToken(wsActor, { name: "wf", scopes: ["workflows:run"], projectIds: null, expiresInDays: null })).token;
    const conn = { connectionId: String(id) };

    await expectConforms("clearCache", await call(clearCache, "/api/secrets_management/clear_cache", cache), 200);
    await expectConforms("clearCache", await call(clearCache, "/api/secrets_management/clear_cache", null), 401);
    await expectConforms("clearCache", await call(clearCache, "/api/secrets_management/clear_cache", workflows), 403);
    await expectConforms("testConnection", await call(testConnection, `/api/v1/connections/${id}/test`, all, conn), 200);
    await expectConforms("testConnection", await call(testConnection, `/api/v1/connections/${id}/test`, cache, conn), 403);
    await expectConforms("testConnection", await call(testConnection, "/api/v1/connections/999999/test", all, { connectionId: "999999" }), 404);
    await expectConforms("refreshConnection", await call(refreshConnection, `/api/v1/connections/${id}/refresh`, cache, conn), 200);
    await expectConforms("refreshConnection", await call(refreshConnection, `/api/v1/connections/${id}/refresh`, "kh_nope", conn), 401);
  });

  it("workflow run APIs: 202, the run (200) and 400, 403, 404 problems", async () => {
    const { wsActor, projects, projectActor } = await seedWorkspace();
    const actor = projectActor(projects[0]!.id);
    const definition = "document: { dsl: '1.0.0', namespace: demo, name: greet, version: '1.0.0' }\ndo:\n  - hello:\n      set: { said: hello }\n";
    expect((await saveDefinition(actor, definition)).ok).toBe(true);
    const token = (await createApiToken(wsActor, { name: "wf", scopes: ["workflows:run"], projectIds: null, expiresInDays: null })).token;
    const cache = (await createApiToken(wsActor, { name: "cache", scopes: ["cache:clear", "connections:refresh"], projectIds: null, expiresInDays: null }))
      .token;
    const params = { projectId: String(actor.projectId), namespace: "demo", name: "greet" };
    const url = `/api/v1/projects/${actor.projectId}/workflows/demo/greet/runs`;

    const accepted = await call(startRun, url, token, params, { input: { a: 1 } });
    await expectConforms("startWorkflowRun", accepted, 202);
    await expectConforms("startWorkflowRun", await call(startRun, url, token, params, { input: [1] }), 400);
    await expectConforms("startWorkflowRun", await call(startRun, url, cache, params, {}), 403);
    await expectConforms("startWorkflowRun", await call(startRun, url, token, { ...params, name: "nope" }, {}), 404);

    const { id } = (await accepted.json()) as { id: string };
    let status = "pending";
    for (let i = 0; i < 100 && status !== "completed"; i++) {
      const res = await call(getRun, `${url}/${id}`, token, { ...params, runId: id });
      await expectConforms("getWorkflowRun", res, 200);
      status = ((await res.json()) as { status: string }).status;
      if (status !== "completed") await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("completed");
    const missing = "00000000-0000-4000-8000-000000000000";
    await expectConforms("getWorkflowRun", await call(getRun, `${url}/${missing}`, token, { ...params, runId: missing }), 404);
  });

  it("the validator refuses an answer the document does not describe", () => {
    expect(check({ operationId: "clearCache", status: 200, contentType: "application/json", body: { success: true, extra: 1 } })).toHaveLength(1);
    expect(check({ operationId: "clearCache", status: 404, contentType: "application/problem+json", body: {} })[0]).toMatch(/does not document status 404/);
    expect(check({ operationId: "testConnection", status: 200, contentType: "application/json", body: { ok: "yes" } }).length).toBeGreaterThan(0);
  });
});
