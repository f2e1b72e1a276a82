import { db } from "@/lib/db";
import { E2E_EMULATORS } from "../support/e2e-env";
import { expect, seed, test } from "../fixtures";
import { apiToken } from "./api-tokens";

const DEMO_WORKSPACE = 1;
const AUTHORIZATION = "https://serverlessworkflow.io/spec/1.0.0/errors/authorization";
const AUTHENTICATION = "https://serverlessworkflow.io/spec/1.0.0/errors/authentication";

async function awsState(request: import("@playwright/test").APIRequestContext, mutation: object) {
  const res = await request.post(`${E2E_EMULATORS.aws}/_emulator/state`, { data: mutation });
  expect(res.ok()).toBe(true);
}

test.afterEach(async ({ request }) => {
  await awsState(request, { op: "reset" });
});

test('clear_cache answers exactly {"success": true} for a good token, and 401 problems otherwise', async ({ request }) => {
  const good = await apiToken(DEMO_WORKSPACE);
  const limited = await apiToken(DEMO_WORKSPACE, { scopes: ["cache:clear", "connections:refresh"] });
  const revoked = await apiToken(DEMO_WORKSPACE, { revoked: true });
  const expired = await apiToken(DEMO_WORKSPACE, { expiresAt: new Date(Date.now() - 1000) });

  for (const token of [good, limited]) {
    const res = await request.post("/api/secrets_management/clear_cache", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    expect(await res.text()).toBe('{"success":true}');
  }
  for (const headers of [
    { authorization: `Bearer ${revoked}` },
    { authorization: `Bearer ${expired}` },
    { authorization: "Bearer kh_nottoken_x" },
    {},
  ] as Array<Record<string, string>>) {
    const res = await request.post("/api/secrets_management/clear_cache", { headers });
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ type: AUTHENTICATION, status: 401, instance: "/api/secrets_management/clear_cache" });
  }
  const audit = await db.auditEvent.count({ where: { workspaceId: DEMO_WORKSPACE, action: "secrets.cache.cleared" } });
  expect(audit).toBeGreaterThanOrEqual(2);
});

test("refresh re-tests a connection; another workspace's connection is 404; a limited token cannot call test", async ({ request }) => {
  const token = await apiToken(DEMO_WORKSPACE, { scopes: ["cache:clear", "connections:refresh"] });
  const paymentsApi = await db.connection.findFirstOrThrow({ where: { workspaceId: DEMO_WORKSPACE, name: "Payments API" } });
  const res = await request.post(`/api/v1/connections/${paymentsApi.id}/refresh`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const report = await res.json();
  expect(report).toMatchObject({ ok: true, references: [{ field: "token", ok: true, source: "provider" }], target: { ok: true } });

  const other = await seed.workspace();
  const foreign = await db.connection.create({
    data: { workspaceId: other.id, projectId: other.projects[0]!.id, name: "Foreign", type: "http", settings: {}, wrappedDataKey: new Uint8Array(57) },
  });
  const notFound = await request.post(`/api/v1/connections/${foreign.id}/refresh`, { headers: { authorization: `Bearer ${token}` } });
  expect(notFound.status()).toBe(404);
  expect((await request.post("/api/v1/connections/999999/refresh", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(404);

  const limited = await request.post(`/api/v1/connections/${paymentsApi.id}/test`, { headers: { authorization: `Bearer ${token}` } });
  expect(limited.status()).toBe(403);
});

test("an unauthorized secret is a 403 problem of the authorization type that names the reference, never a value", async ({ request }) => {
  const token = await apiToken(DEMO_WORKSPACE);
  const paymentsApi = await db.connection.findFirstOrThrow({ where: { workspaceId: DEMO_WORKSPACE, name: "Payments API" } });
  await awsState(request, {
    op: "setRolePermissions",
    roleArn: "arn:aws:iam::123456789012:role/keyhold-demo",
    permissions: [{ actions: ["secretsmanager:ListSecrets"], resources: ["*"] }],
  });
  const res = await request.post(`/api/v1/connections/${paymentsApi.id}/refresh`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(403);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  const body = await res.json();
  expect(body).toMatchObject({ type: AUTHORIZATION, status: 403 });
  expect(body.detail).toContain("{{workato:sm:prod/api-token:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-token-b7Rt2L}}");
  expect(body.errors[0].detail).toMatch(/secretsmanager:(Batch)?GetSecretValue/);
  expect(JSON.stringify(body)).not.toContain("demo-api-token-abc123");
});

test("a provider outage is a 503 problem", async ({ request }) => {
  const token = await apiToken(DEMO_WORKSPACE);
  const paymentsApi = await db.connection.findFirstOrThrow({ where: { workspaceId: DEMO_WORKSPACE, name: "Payments API" } });
  const fault = await request.post(`${E2E_EMULATORS.aws}/_emulator/faults`, { data: { kind: "server_error", count: 1000 } });
  expect(fault.ok()).toBe(true);
  try {
    const res = await request.post(`/api/v1/connections/${paymentsApi.id}/refresh`, { headers: { authorization: `Bearer ${token}` }, timeout: 30_000 });
    expect(res.status()).toBe(503);
    expect(res.headers()["retry-after"]).toBe("30");
  } finally {
    await request.post(`${E2E_EMULATORS.aws}/_emulator/faults/clear`);
  }
});
