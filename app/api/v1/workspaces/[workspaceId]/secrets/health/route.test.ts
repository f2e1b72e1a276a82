// GET /api/v1/workspaces/{id}/secrets/health on SQLite, from rows a poll stored (no provider involved): the
// rows with flags and users for an "all" token; problem+json refusals for no token, cache and workflows tokens,
// another workspace's token, malformed ids and queries; and the data function refuses a workspace member.
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/data/api-tokens";
import { createConnection } from "@/lib/data/connections";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { connectionSecretFlags, readSecretHealth } from "@/lib/data/secret-health";
import { db } from "@/lib/db";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { actorWithRoles, seedWorkspace } from "@/lib/testing/seed-actors";
import { GET } from "./route";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Ab12Cd";
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

async function seeded() {
  const s = await seedWorkspace("workspace");
  await saveProviderConfig(s.wsActor, { kind: "aws", settings: { roleArn: "arn:aws:iam::123456789012:role/keyhold", region: "us-east-1" } });
  await allowAllReferences(s.wsActor);
  const project = s.projectActor(s.projects[0]!.id);
  const connectionId = await createConnection(project, {
    name: "Orders DB",
    type: "postgres",
    settings: { host: "db.internal", port: 5432, database: "orders", sslMode: "require" },
    credentials: { user: { mode: "set", value: "app" }, password: { mode: "set", value: `{{workato:sm:password:${ARN}}}` } },
  });
  const usage = await db.secretUsage.findFirstOrThrow({ where: { connectionId } });
  await db.secretHealth.create({
    data: {
      workspaceId: s.ws.id,
      providerConfigId: usage.providerConfigId,
      secretKey: ARN,
      secretId: usage.secretId,
      reference: usage.reference,
      metadata: JSON.stringify({
        exists: true,
        version: "v1",
        lastChangedAt: inDays(-1),
        rotationEnabled: true,
        nextRotationAt: inDays(-2),
        deletionAt: inDays(3),
      }),
    },
  });
  return { ...s, project, connectionId };
}

function call(token: string | undefined, workspaceId: string, query = "") {
  const request = new Request(`http://localhost/api/v1/workspaces/${workspaceId}/secrets/health${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return GET(request, { params: Promise.resolve({ workspaceId }) });
}

describe("GET /api/v1/workspaces/{id}/secrets/health", () => {
  it("lists each referenced secret with status, flags and the connections using it", async () => {
    const s = await seeded();
    const { token } = await createApiToken(s.wsActor, { name: "reader", scopes: ["secrets:read"], projectIds: null, expiresInDays: null });
    const res = await call(token, String(s.ws.id));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      rows: Array<{ status: string; flags: Array<{ kind: string }>; users: Array<{ connectionName: string; field: string }> }>;
    };
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]!.status).toBe("deletion_scheduled");
    expect(body.rows[0]!.flags.map((f) => f.kind)).toEqual(["deletion_scheduled", "rotation_failing"]);
    expect(body.rows[0]!.users).toEqual([expect.objectContaining({ connectionName: "Orders DB", field: "password" })]);
  });

  it("refuses without a token (401), with cache or workflows tokens (403), for another workspace (404), bad ids (404) and queries (400)", async () => {
    const s = await seeded();
    const other = await seedWorkspace("workspace");
    const cache = (await createApiToken(s.wsActor, { name: "c", scopes: ["cache:clear", "connections:refresh"], projectIds: null, expiresInDays: null })).token;
    const workflows = (await createApiToken(s.wsActor, { name: "w", scopes: ["workflows:run"], projectIds: null, expiresInDays: null })).token;
    const foreign = (await createApiToken(other.wsActor, { name: "f", scopes: ["secrets:read"], projectIds: null, expiresInDays: null })).token;
    const own = (await createApiToken(s.wsActor, { name: "o", scopes: ["secrets:read"], projectIds: null, expiresInDays: null })).token;
    const id = String(s.ws.id);
    const statuses = [
      (await call(undefined, id)).status,
      (await call(cache, id)).status,
      (await call(workflows, id)).status,
      (await call(foreign, id)).status,
      (await call(own, "abc")).status,
      (await call(own, id, "?configId=-4")).status,
    ];
    expect(statuses).toEqual([401, 403, 403, 404, 404, 400]);
    const problem = await call(foreign, id);
    expect(problem.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(await problem.json())).not.toContain("prod/db");
  });

  it("the data layer refuses a workspace member; project members get their connections' flags", async () => {
    const s = await seeded();
    const member = await actorWithRoles(s.ws.id, s.projects[0]!.id, "member", "viewer");
    await expect(readSecretHealth(member.ws)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const flags = await connectionSecretFlags(member.project);
    expect(flags.get(s.connectionId)?.map((f) => `${f.field}: ${f.text}`)).toEqual([
      "password: is scheduled for deletion in 3 days",
      expect.stringMatching(/^password: is overdue for rotation/),
    ]);
    const otherProject = await actorWithRoles(s.ws.id, s.projects[1]!.id, "member", "viewer");
    expect((await connectionSecretFlags(otherProject.project)).size).toBe(0);
  });
});
