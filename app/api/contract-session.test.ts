// The OpenAPI contract for the secret browser's routes (session auth, docs/api.md): real answers against the AWS
// emulator (a page of names, the key names of one secret) and the 400/404 problems validate against the
// document. Who may browse is tested in e2e/api/secrets-browser-api.spec.ts; here the session is a seeded owner.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAwsTestEnv, type AwsTestEnv } from "@/e2e/emulators/aws/test-harness";
import { roleArn, testFixture } from "@/e2e/emulators/aws/test-fixture";
import { saveProviderConfig } from "@/lib/data/provider-configs";
import { externalIdFor } from "@/lib/secrets/contracts/external-id";
import { checkResponse, contractValidator } from "@/lib/testing/openapi-contract";
import { allowAllReferences } from "@/lib/testing/reference-policy";
import { seedWorkspace } from "@/lib/testing/seed-actors";

const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn(), parseId: (v: unknown) => Number(v) }));
vi.mock("@/lib/auth/authorize", () => auth);
const { GET: listSecrets } = await import("./v1/workspaces/[workspaceId]/secrets/route");
const { GET: listKeys } = await import("./v1/workspaces/[workspaceId]/secrets/keys/route");

const check = contractValidator();
let env: AwsTestEnv;
let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
let unconfigured: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  seeded = await seedWorkspace();
  unconfigured = await seedWorkspace();
  const fixture = testFixture();
  const externalId = externalIdFor({ workspaceId: seeded.ws.id });
  env = await startAwsTestEnv({ ...fixture, roles: fixture.roles.map((r) => ({ ...r, externalId })) });
  await saveProviderConfig(seeded.wsActor, { kind: "aws", settings: { roleArn: roleArn("keyhold-full"), region: "us-east-1" } });
  await allowAllReferences(seeded.wsActor);
});
afterAll(async () => {
  await env.stop();
});

async function get(handler: typeof listSecrets, who: typeof seeded, query: string, suffix = "") {
  auth.requireUser.mockResolvedValue(who.wsActor);
  auth.requireWorkspace.mockResolvedValue(who.wsActor);
  const url = `http://localhost/api/v1/workspaces/${who.ws.id}/secrets${suffix}?${query}`;
  return handler(new Request(url), { params: Promise.resolve({ workspaceId: String(who.ws.id) }) });
}

async function expectConforms(operationId: string, res: Response, status: number) {
  expect(res.status, operationId).toBe(status);
  expect(await checkResponse(check, operationId, res)).toEqual([]);
}

describe("secret browser answers validate against the document", () => {
  it("a page of names and the key names of one secret (200)", async () => {
    const page = await get(listSecrets, seeded, "");
    await expectConforms("listSecrets", page, 200);
    const { items } = (await page.json()) as { items: Array<{ id: string }> };
    expect(items.length).toBeGreaterThan(0);
    await expectConforms("listSecretKeys", await get(listKeys, seeded, `id=${encodeURIComponent(items[0]!.id)}`, "/keys"), 200);
  });

  it("a bad query (400) and a workspace without a provider (404) are documented problems", async () => {
    await expectConforms("listSecrets", await get(listSecrets, seeded, "config=everything"), 400);
    await expectConforms("listSecretKeys", await get(listKeys, seeded, "", "/keys"), 400);
    await expectConforms("listSecrets", await get(listSecrets, unconfigured, ""), 404);
  });
});
