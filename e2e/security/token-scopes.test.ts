// Issue 13 item 5: every token route checks the token's scopes and project limit with one function
// (lib/api/token-scope.ts). Each route × each kind of token, against a table written here by hand from
// docs/roles.md ("API token scopes"); 0 unexpected allows. The provider calls behind test and refresh are
// stubbed: this is about who gets in, not what the test finds.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { OPERATION_SCOPES, type ScopedOperation } from "@/lib/api-contract/scopes";
import { TOKEN_SCOPE_NAMES, TOKEN_SCOPES, type TokenScope } from "@/lib/auth/token-scopes";
import { extractTokenScopeTable, tokenScopeTable } from "@/lib/auth/token-scopes-doc";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { POST as clearCache } from "@/app/api/secrets_management/clear_cache/route";
import { POST as refresh } from "@/app/api/v1/connections/[connectionId]/refresh/route";
import { POST as testConnection } from "@/app/api/v1/connections/[connectionId]/test/route";
import { GET as getRun } from "@/app/api/v1/projects/[projectId]/workflows/[namespace]/[name]/runs/[runId]/route";
import { POST as startRun } from "@/app/api/v1/projects/[projectId]/workflows/[namespace]/[name]/runs/route";
import { GET as secretKeys } from "@/app/api/v1/workspaces/[workspaceId]/secrets/keys/route";
import { GET as secrets } from "@/app/api/v1/workspaces/[workspaceId]/secrets/route";

const report = { ok: true, degraded: false, references: [], target: null, totalMs: 1, testedAt: new Date(0).toISOString() };
vi.mock("@/lib/services/connections/test-connection", () => ({ runConnectionTest: vi.fn(async () => report) }));
vi.mock("@/lib/services/connections/refresh-connection", () => ({ refreshConnection: vi.fn(async () => ({ report, dropped: 0 })) }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Route {
  name: string;
  handler: Handler;
  method: "GET" | "POST";
  path: string;
  params: Record<string, string>;
}

async function setup() {
  const { ws, wsActor, projects } = await seedWorkspace();
  const a = projects[0]!;
  const b = projects[1]!;
  const conn = await db.connection.create({
    data: { workspaceId: ws.id, projectId: a.id, name: "scoped", type: "http", settings: {}, wrappedDataKey: new Uint8Array(57) },
  });
  const other = await seedWorkspace();
  const token = async (scopes: TokenScope[], projectIds: number[] | null = null) =>
    (await createApiToken(wsActor, { name: "t", scopes, projectIds, expiresInDays: null })).token;
  const revoked = await createApiToken(wsActor, { name: "r", scopes: ["admin"], projectIds: null, expiresInDays: null });
  await revokeApiToken(wsActor, revoked.id);
  const run = { projectId: String(a.id), namespace: "demo", name: "nope" };
  const routes: Route[] = [
    { name: "clear_cache", handler: clearCache, method: "POST", path: "/api/secrets_management/clear_cache", params: {} },
    { name: "test", handler: testConnection, method: "POST", path: `/api/v1/connections/${conn.id}/test`, params: { connectionId: String(conn.id) } },
    { name: "refresh", handler: refresh, method: "POST", path: `/api/v1/connections/${conn.id}/refresh`, params: { connectionId: String(conn.id) } },
    { name: "secrets(ws)", handler: secrets, method: "GET", path: `/api/v1/workspaces/${ws.id}/secrets`, params: { workspaceId: String(ws.id) } },
    {
      name: "secrets(A)",
      handler: secrets,
      method: "GET",
      path: `/api/v1/workspaces/${ws.id}/secrets?projectId=${a.id}`,
      params: { workspaceId: String(ws.id) },
    },
    {
      name: "keys(A)",
      handler: secretKeys,
      method: "GET",
      path: `/api/v1/workspaces/${ws.id}/secrets/keys?projectId=${a.id}&id=x`,
      params: { workspaceId: String(ws.id) },
    },
    { name: "runs(A)", handler: startRun as Handler, method: "POST", path: `/api/v1/projects/${a.id}/workflows/demo/nope/runs`, params: run },
    {
      name: "run(A)",
      handler: getRun as Handler,
      method: "GET",
      path: `/api/v1/projects/${a.id}/workflows/demo/nope/runs/00000000-0000-4000-8000-000000000000`,
      params: { ...run, runId: "00000000-0000-4000-8000-000000000000" },
    },
  ];
  const tokens: Record<string, string> = {
    "cache:clear": await token(["cache:clear"]),
    "connections:test": await token(["connections:test"]),
    "connections:refresh": await token(["connections:refresh"]),
    "secrets:read": await token(["secrets:read"]),
    "workflows:run": await token(["workflows:run"]),
    admin: await token(["admin"]),
    "admin, project A": await token(["admin"], [a.id]),
    "admin, project B": await token(["admin"], [b.id]),
    revoked: revoked.token,
    "other workspace admin": (await createApiToken(other.wsActor, { name: "o", scopes: ["admin"], projectIds: null, expiresInDays: null })).token,
  };
  return { routes, tokens };
}

const ALL = ["clear_cache", "test", "refresh", "secrets(ws)", "secrets(A)", "keys(A)", "runs(A)", "run(A)"];
/** Which routes each token gets past authorization on (docs/roles.md, "API token scopes"). */
const EXPECTED_ALLOWED: Record<string, string[]> = {
  "cache:clear": ["clear_cache"],
  "connections:test": ["test"],
  "connections:refresh": ["refresh"],
  "secrets:read": ["secrets(ws)", "secrets(A)", "keys(A)"],
  "workflows:run": ["runs(A)", "run(A)"],
  admin: ALL,
  "admin, project A": ["test", "refresh", "secrets(A)", "keys(A)", "runs(A)", "run(A)"],
  "admin, project B": [],
  revoked: [],
  // Its own workspace's cache; everything of this workspace is simply not found.
  "other workspace admin": ["clear_cache"],
};

async function call(route: Route, token: string): Promise<Response> {
  const request = new Request(`http://localhost${route.path}`, {
    method: route.method,
    headers: { authorization: `Bearer ${token}`, ...(route.method === "POST" ? { "content-type": "application/json" } : {}) },
    body: route.method === "POST" ? "{}" : undefined,
  });
  return route.handler(request, { params: Promise.resolve(route.params) });
}

describe("API token scopes on every token route", () => {
  it("let each token through exactly where its scopes and project limit allow", async () => {
    const { routes, tokens } = await setup();
    expect(routes.map((r) => r.name)).toEqual(ALL);
    const table: Record<string, Record<string, number>> = {};
    const unexpected: string[] = [];
    for (const [who, token] of Object.entries(tokens)) {
      table[who] = {};
      for (const route of routes) {
        const status = (await call(route, token)).status;
        table[who][route.name] = status;
        const allowed = EXPECTED_ALLOWED[who]!.includes(route.name);
        // Past authorization: the stubbed success, or a 404 for what the seeded workspace does not hold (no
        // provider configured, no such workflow or run). Refused: 401 (revoked), 403 (scope or limit), or
        // 404 for another workspace's things, which a token cannot tell from nothing.
        const ok = allowed ? status !== 401 && status !== 403 && status < 500 : status === 401 || status === 403 || (who.startsWith("other") && status === 404);
        if (!ok) unexpected.push(`${who} → ${route.name}: ${status}`);
      }
    }
    console.table(table);
    expect(unexpected).toEqual([]);
  });
});

const ROOT = join(__dirname, "../..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

/** "GET /api/v1/workspaces/{}/secrets": methods and paths with the parameter names dropped. */
const normalize = (route: string) => route.replace(/\{[^}]+\}|\[[^\]]+\]/g, "{}");

describe("the scope table", () => {
  it("names exactly the routes that take tokens, with the scope each checks", () => {
    const inCode: string[] = [];
    for (const file of routeFiles(join(ROOT, "app/api"))) {
      const path = `/${relative(join(ROOT, "app"), dirname(file))}`;
      for (const m of readFileSync(file, "utf8").matchAll(
        /export const (GET|POST|PUT|PATCH|DELETE) = apiRoute\(\{\s*auth: (?:tokenFor|tokenOrSessionFor)\("([^"]+)"\)/g,
      ))
        inCode.push(`${OPERATION_SCOPES[m[2] as ScopedOperation]} ${normalize(`${m[1]} ${path}`)}`);
    }
    const inTable = TOKEN_SCOPE_NAMES.flatMap((scope) => TOKEN_SCOPES[scope].routes.map((r) => `${scope} ${normalize(r)}`));
    expect(inCode.sort()).toEqual(inTable.sort());
    expect(inCode.length).toBeGreaterThanOrEqual(7);
  });

  it("is the one docs/roles.md shows", () => {
    const page = readFileSync(join(ROOT, "docs/roles.md"), "utf8");
    expect(extractTokenScopeTable(page), `paste into docs/roles.md:\n${tokenScopeTable()}`).toBe(tokenScopeTable());
  });
});
