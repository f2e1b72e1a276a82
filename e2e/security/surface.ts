// The console's attack surface as the build describes it, for the fuzz test and the authorization matrix
// (docs/threat-model.md): every server action from `.next/server/server-reference-manifest.json` and every
// route handler and page from `.next/server/app-paths-manifest.json`, so what is added later is covered without
// editing a list. Plus the callers: sessions and API tokens written straight into the server's database.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hash } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { generateDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { readMasterKeyFile } from "@/lib/crypto/master-key";
import { E2E_ENV, E2E_PORT } from "../support/e2e-env";
import { seed, type SeededWorkspace } from "../fixtures";
import { seedAwsWorkspace } from "../connections/support";
import { type Principal, type ROLE_PRINCIPALS, TOKEN_SCOPES } from "./roles-table";

export const BASE = `http://localhost:${E2E_PORT}`;
const SERVER_DIR = join(__dirname, "../../.next/server");

export interface ActionEntry {
  id: string;
  name: string;
  file: string;
  /** A page the action is registered for (its route pattern), to post it to. */
  page: string;
}

export interface RouteEntry {
  /** Route pattern, e.g. /api/v1/connections/[connectionId]/test */
  path: string;
  file: string;
  methods: string[];
}

/** "app/(console)/w/[workspaceId]/page" → "/w/[workspaceId]" */
const routeOf = (entry: string) =>
  entry
    .replace(/^\/?app/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\/(page|route)$/, "") || "/";

export function actionsFromManifest(): ActionEntry[] {
  const manifest = JSON.parse(readFileSync(join(SERVER_DIR, "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({ id, name: a.exportedName, file: a.filename, page: routeOf(Object.keys(a.workers)[0]!) }));
}

/** Route handlers (with the methods their source exports) and pages; Next's own internal entries are left out. */
export function routesFromManifest(): { handlers: RouteEntry[]; pages: string[] } {
  const manifest = JSON.parse(readFileSync(join(SERVER_DIR, "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const handlers: RouteEntry[] = [];
  const pages: string[] = [];
  for (const key of Object.keys(manifest)) {
    if (key.startsWith("/_") || /\.(ico|svg|png)\/route$/.test(key)) continue;
    if (key.endsWith("/route")) {
      const file = `app${key}.ts`;
      const source = readFileSync(join(__dirname, "../..", file), "utf8");
      const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      handlers.push({ path: routeOf(key), file, methods });
    } else pages.push(routeOf(key));
  }
  return { handlers, pages };
}

export function fillPath(pattern: string, ids: Record<string, string | number>): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (ids[name] === undefined) throw new Error(`No fixture id for [${name}] in ${pattern}`);
    return String(ids[name]);
  });
}

/** The world the suites call into: workspace W (projects P1, P2) with one user per role, and W2. */
export interface World {
  ws: SeededWorkspace;
  ws2: SeededWorkspace;
  ids: Record<string, number | string>;
  /** Request headers that make each principal (cookie or bearer token). */
  auth: Record<Principal, Record<string, string>>;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
let passwordHash: Promise<string> | undefined;

async function roleUser(ws: SeededWorkspace, label: string, projectRole: { projectId: number; role: string } | null): Promise<number> {
  passwordHash ??= hash("e2e-Password-123");
  const user = await db.user.create({
    data: { email: `${label}-${randomBytes(3).toString("hex")}@e2e.keyhold.local`, name: label, passwordHash: await passwordHash },
  });
  await db.workspaceMembership.create({ data: { workspaceId: ws.id, userId: user.id, role: "member" } });
  if (projectRole) await db.projectMembership.create({ data: { ...projectRole, userId: user.id } });
  return user.id;
}

async function sessionCookie(userId: number): Promise<Record<string, string>> {
  const token = randomBytes(32).toString("base64url");
  await db.session.create({ data: { id: sha256(token), userId, expiresAt: new Date(Date.now() + 3_600_000), reauthenticatedAt: new Date() } });
  return { cookie: `kh_session=${token}` };
}

export async function apiToken(workspaceId: number, scope: string, revoked = false): Promise<{ id: number; header: Record<string, string> }> {
  const prefix = `kh_${randomBytes(6).toString("hex").slice(0, 8)}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: { workspaceId, name: `matrix ${scope}`, prefix, tokenHash: sha256(token), scopes: scope, revokedAt: revoked ? new Date() : null },
  });
  return { id: row.id, header: { authorization: `Bearer ${token}` } };
}

const WORKFLOW_SOURCE = "document: { dsl: '1.0.0', namespace: matrix, name: wf, version: '1.0.0' }\ndo:\n  - one:\n      set:\n        a: 1\n";

/** Seeds W and W2, a user, session and token per principal, and one of each thing the routes and actions name. */
export async function seedWorld(): Promise<World> {
  // W has an AWS configuration on the emulator, so the secret browser routes answer for those allowed.
  const [ws, ws2] = [await seedAwsWorkspace(), await seed.workspace()];
  const [p1, p2] = [ws.projects[0]!.id, ws.projects[1]!.id];
  const editor = await roleUser(ws, "editor", { projectId: p1, role: "editor" });
  const otherAdmin = await roleUser(ws, "other-admin", { projectId: p2, role: "admin" });
  const plainMember = await roleUser(ws, "plain-member", null);
  const bystander = await roleUser(ws, "bystander", { projectId: p1, role: "viewer" });
  const users: Record<(typeof ROLE_PRINCIPALS)[number], number | null> = {
    "signed out": null,
    viewer: ws.member.id,
    editor,
    "other-project admin": otherAdmin,
    "workspace member": plainMember,
    "workspace admin": ws.admin.id,
    owner: ws.owner.id,
  };
  const auth = {} as World["auth"];
  for (const [principal, userId] of Object.entries(users)) auth[principal as Principal] = userId ? await sessionCookie(userId) : {};
  for (const scope of TOKEN_SCOPES) auth[`token:${scope}`] = (await apiToken(ws.id, scope)).header;
  auth["revoked token"] = (await apiToken(ws.id, "admin", true)).header;
  auth["other-workspace token"] = (await apiToken(ws2.id, "admin")).header;

  const masterKey = readMasterKeyFile(E2E_ENV.MASTER_KEY_FILE!);
  const connection = (name: string) =>
    db.connection.create({
      data: {
        workspaceId: ws.id,
        projectId: p1,
        name,
        type: "http",
        // A closed loopback port: a test or refresh fails at once, without reaching anything.
        settings: { baseUrl: "http://127.0.0.1:9", authKind: "none", testPath: "/" },
        wrappedDataKey: wrapDataKey(generateDataKey(), masterKey),
      },
    });
  const [conn, victim] = [await connection("Matrix API"), await connection("Matrix victim")];
  const workflow = await db.workflow.create({ data: { workspaceId: ws.id, projectId: p1, namespace: "matrix", name: "wf" } });
  await db.workflowRevision.create({
    data: { workflowId: workflow.id, revision: 1, source: WORKFLOW_SOURCE, format: "yaml", version: "1.0.0", secretsRead: [], createdBy: "matrix" },
  });
  const runId = crypto.randomUUID();
  await db.workflowRun.create({
    data: {
      id: runId,
      workspaceId: ws.id,
      projectId: p1,
      workflowId: workflow.id,
      revision: 1,
      status: "completed",
      input: {},
      startedBy: "matrix",
      timeoutMs: 60_000,
    },
  });
  const throwawayToken = await apiToken(ws.id, "admin");
  const job = await db.bulkJob.create({ data: { workspaceId: ws.id, kind: "retest", status: "completed", total: 0, createdBy: "matrix" } });
  return {
    ws,
    ws2,
    auth,
    ids: {
      workspaceId: ws.id,
      projectId: p1,
      otherProjectId: p2,
      connectionId: conn.id,
      victimConnectionId: victim.id,
      workflowId: workflow.id,
      namespace: "matrix",
      name: "wf",
      runId,
      tokenId: throwawayToken.id,
      jobId: job.id,
      userId: bystander,
    },
  };
}

/** Sign-in attempts the suites make (wrong passwords on purpose) must not throttle the specs that follow. */
export async function clearLoginAttempts(): Promise<void> {
  await db.loginAttempt.deleteMany({});
}
