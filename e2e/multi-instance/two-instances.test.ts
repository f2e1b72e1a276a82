import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { callServerAction, serverActionId, startTwoInstances, type Instances } from "./harness";

let instances: Instances;
let token: string;
let cookie: string;
let connectionId: number;

beforeAll(async () => {
  instances = await startTwoInstances({ a: 3501, b: 3502, emulatorBase: 5080 });
  const { db } = await import("@/lib/db");
  const { generateApiToken, hashApiToken } = await import("@/lib/data/api-tokens");
  const { hashSessionToken } = await import("@/lib/data/sessions");
  const generated = generateApiToken();
  token = generated.token;
  await db.apiToken.create({ data: { workspaceId: 1, name: "multi", prefix: generated.prefix, tokenHash: hashApiToken(token), scopes: "admin" } });
  const owner = await db.user.findFirstOrThrow({ where: { workspaceMemberships: { some: { workspaceId: 1, role: "owner" } } } });
  const session = randomBytes(32).toString("base64url");
  // An owner who has just confirmed their password: provider saves and scope switches need that (docs/threat-model.md).
  await db.session.create({
    data: { id: hashSessionToken(session), userId: owner.id, expiresAt: new Date(Date.now() + 3_600_000), reauthenticatedAt: new Date() },
  });
  cookie = `kh_session=${session}`;
  connectionId = (await db.connection.findFirstOrThrow({ where: { name: "Payments API" } })).id;
});

afterAll(async () => {
  await instances?.stop();
});

async function testOn(base: string) {
  const res = await fetch(`${base}/api/v1/connections/${connectionId}/test`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; references: Array<{ source?: string }>; target: { ok: boolean; message: string } };
}

async function awsState(mutation: object) {
  const res = await fetch(`${instances.aws}/_emulator/state`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(mutation),
  });
  expect(res.ok).toBe(true);
}

/** Polls until the condition holds, failing after `ms`: "reaches every instance within a second". */
async function within<T>(ms: number, probe: () => Promise<T>, holds: (v: T) => boolean): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (holds(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("two console instances on one PostgreSQL", () => {
  it("a clear_cache on A makes B fetch the rotated secret within a second", async () => {
    expect((await testOn(instances.b)).references[0]?.source).toBe("provider");
    const warm = await testOn(instances.b);
    expect(warm.references[0]?.source).toBe("cache");
    expect(warm.ok).toBe(true);

    // Rotate to a value the demo API refuses: B keeps using its cached value until told otherwise.
    await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: "rotated-token-the-api-refuses" });
    expect((await testOn(instances.b)).references[0]?.source).toBe("cache");

    const cleared = await fetch(`${instances.a}/api/secrets_management/clear_cache`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(await cleared.json()).toEqual({ success: true });
    const after = await within(
      1_000,
      () => testOn(instances.b),
      (r) => r.references[0]?.source === "provider",
    );
    expect(after.references[0]?.source).toBe("provider");
    expect(after.target.ok).toBe(false);
    expect(after.target.message).toMatch(/refused the credentials \(401\)/);
  });

  it("a provider configuration change on B drops A's entries", async () => {
    await awsState({ op: "reset" });
    await fetch(`${instances.a}/api/v1/connections/${connectionId}/refresh`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect((await testOn(instances.a)).references[0]?.source).toBe("cache");

    const reply = await callServerAction(
      instances.b,
      "/w/1/p/1/settings/secrets",
      serverActionId("saveProviderConfigAction"),
      {
        workspaceId: "1",
        projectId: "1",
        kind: "aws",
        roleArn: "arn:aws:iam::123456789012:role/keyhold-demo",
        region: "us-east-1",
      },
      cookie,
    );
    expect(reply).toContain("Saved. Now test it.");
    const after = await within(
      1_000,
      () => testOn(instances.a),
      (r) => r.references[0]?.source === "provider",
    );
    expect(after.references[0]?.source).toBe("provider");
    expect(after.ok).toBe(true);
  });

  it("a scope switch on A reaches B: its references stop resolving at once, and switching back restores them", async () => {
    await awsState({ op: "reset" });
    const { db } = await import("@/lib/db");
    const switchOn = async (base: string, to: "workspace" | "project") => {
      const { scopeVersion } = await db.workspace.findUniqueOrThrow({ where: { id: 1 }, select: { scopeVersion: true } });
      const reply = await callServerAction(
        base,
        "/w/1/settings/secrets",
        serverActionId("switchSecretsScopeAction"),
        { workspaceId: "1", to, expectedVersion: String(scopeVersion) },
        cookie,
      );
      expect(reply).toContain("Secrets management now uses");
    };
    expect((await testOn(instances.b)).ok).toBe(true);
    expect((await testOn(instances.b)).references[0]?.source).toBe("cache");

    await switchOn(instances.a, "workspace");
    // The API answers an unresolvable reference with a 403 problem naming the error code.
    const problemOn = async (base: string) => {
      const res = await fetch(`${base}/api/v1/connections/${connectionId}/test`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { errors?: Array<{ code?: string }> } };
    };
    const switched = await within(
      1_000,
      () => problemOn(instances.b),
      (r) => r.status === 403,
    );
    expect(switched.status).toBe(403);
    expect(switched.body.errors?.[0]?.code).toBe("scope_changed");

    await switchOn(instances.a, "project");
    const restored = await within(
      1_000,
      () => testOn(instances.b),
      (r) => r.ok,
    );
    expect(restored.ok).toBe(true);
    // A's first switch cleared B's cache (nothing was fetched in between): the value comes from the provider.
    expect(restored.references[0]?.source).toBe("provider");
  });
});
