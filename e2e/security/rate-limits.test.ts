// Issue 13 item 9: Test, Refresh and secret browsing cost provider calls and could scan a private network, so
// each user and each API token has a limit per minute (RATE_LIMIT_*_PER_MINUTE; defaults 30, 30, 120). The
// N+1th call gets 429 problem+json with Retry-After (routes) or a message with the retry time (actions);
// another caller is unaffected. The window itself is tested in lib/services/rate-limit.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createApiToken } from "@/lib/data/api-tokens";
import { seedWorkspace } from "@/lib/testing/seed-actors";
import { POST as refresh } from "@/app/api/v1/connections/[connectionId]/refresh/route";
import { POST as testConnection } from "@/app/api/v1/connections/[connectionId]/test/route";
import { GET as secrets } from "@/app/api/v1/workspaces/[workspaceId]/secrets/route";

const report = { ok: true, degraded: false, references: [], target: null, totalMs: 1, testedAt: new Date(0).toISOString() };
const services = vi.hoisted(() => ({ test: vi.fn(), refresh: vi.fn() }));
vi.mock("@/lib/services/connections/test-connection", () => ({ runConnectionTest: services.test }));
vi.mock("@/lib/services/connections/refresh-connection", () => ({ refreshConnection: services.refresh }));
vi.mock("@/lib/services/secrets/browse", () => ({ browseSecrets: vi.fn(async () => ({ items: [], nextPageToken: null })) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn(), parseId: (v: unknown) => Number(v) }));
vi.mock("@/lib/auth/authorize", () => auth);
services.test.mockResolvedValue(report);
services.refresh.mockResolvedValue({ report, dropped: 0 });

const { testConnectionAction } = await import("@/lib/actions/connections");

async function setup() {
  const seeded = await seedWorkspace();
  const conn = await db.connection.create({
    data: { workspaceId: seeded.ws.id, projectId: seeded.projects[0]!.id, name: "limited", type: "http", settings: {}, wrappedDataKey: new Uint8Array(57) },
  });
  const token = async () => (await createApiToken(seeded.wsActor, { name: "t", scopes: ["admin"], projectIds: null, expiresInDays: null })).token;
  return { seeded, conn, token };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const post = (handler: Handler, path: string, token: string, params: Record<string, string>, method = "POST") =>
  handler(new Request(`http://localhost${path}`, { method, headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve(params) });

async function exhaust(call: () => Promise<Response>, limit: number): Promise<Response> {
  for (let i = 0; i < limit; i++) expect((await call()).status, `call ${i + 1} of ${limit}`).toBe(200);
  return call();
}

describe("rate limits on costly calls", () => {
  // The clock stands still, as in a burst: a slow machine must not refill a bucket mid-test.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("Test API: the N+1th call of a token is 429 with Retry-After; another token is unaffected", async () => {
    const { conn, token } = await setup();
    const [first, second] = [await token(), await token()];
    const params = { connectionId: String(conn.id) };
    const path = `/api/v1/connections/${conn.id}/test`;
    const refused = await exhaust(() => post(testConnection, path, first, params), env.RATE_LIMIT_TEST_PER_MINUTE);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({
      status: 429,
      code: "THROTTLED",
      retryAfterSeconds: retryAfter,
      detail: expect.stringMatching(/^Too many tests/),
    });
    expect(services.test).toHaveBeenCalledTimes(env.RATE_LIMIT_TEST_PER_MINUTE); // the refused call reached no provider
    expect((await post(testConnection, path, second, params)).status).toBe(200);
  });

  it("Refresh API: limited separately from Test", async () => {
    const { conn, token } = await setup();
    const t = await token();
    const params = { connectionId: String(conn.id) };
    const refused = await exhaust(() => post(refresh, `/api/v1/connections/${conn.id}/refresh`, t, params), env.RATE_LIMIT_REFRESH_PER_MINUTE);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await post(testConnection, `/api/v1/connections/${conn.id}/test`, t, params)).status).toBe(200);
  });

  it("secret browsing: a token's N+1th listing is 429", async () => {
    const { seeded, token } = await setup();
    await db.secretsProviderConfig.create({
      data: { workspaceId: seeded.ws.id, currentOwnerKey: `w:${seeded.ws.id}`, kind: "vault", settings: { address: "https://vault.example.com" } },
    });
    const t = await token();
    const params = { workspaceId: String(seeded.ws.id) };
    const refused = await exhaust(
      () => post(secrets as Handler, `/api/v1/workspaces/${seeded.ws.id}/secrets`, t, params, "GET"),
      env.RATE_LIMIT_BROWSE_PER_MINUTE,
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("Test action: the N+1th click of a user answers when to retry; another user is unaffected", async () => {
    const { seeded, conn } = await setup();
    const form = () => {
      const f = new FormData();
      f.append("workspaceId", String(seeded.ws.id));
      f.append("projectId", String(seeded.projects[0]!.id));
      f.append("connectionId", String(conn.id));
      return f;
    };
    auth.requireProject.mockResolvedValue(seeded.projectActor(seeded.projects[0]!.id));
    for (let i = 0; i < env.RATE_LIMIT_TEST_PER_MINUTE; i++) expect(await testConnectionAction(null, form())).toMatchObject({ ok: true });
    const refused = await testConnectionAction(null, form());
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many tests\. Try again in \d+ seconds?\.$/) });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const other = await db.user.create({ data: { email: `other-${seeded.ws.id}@t.local`, name: "O", passwordHash: "x" } });
    auth.requireProject.mockResolvedValue({ ...seeded.projectActor(seeded.projects[0]!.id), userId: other.id });
    expect(await testConnectionAction(null, form())).toMatchObject({ ok: true });
  });
});
