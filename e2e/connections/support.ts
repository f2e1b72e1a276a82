// Shared setup for the connection specs: a fresh workspace whose AWS configuration (the emulator's demo role,
// trusting this workspace's External ID) resolves references, API tokens written straight into the database,
// and the emulator's control API. Every spec resets the emulator after each test.
import { createHash, randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { seed, signIn, type SeededWorkspace } from "../fixtures";
import { E2E_EMULATORS } from "../support/e2e-env";

export const DEMO_ROLE = "arn:aws:iam::123456789012:role/keyhold-demo";
export const API_TOKEN_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-token-b7Rt2L";
export const API_TOKEN_REF = `{{workato:sm:prod/api-token:${API_TOKEN_ARN}}}`;
/** The value of prod/api-token in the emulator's fixture; the demo API accepts it (and "demo-api-token"). */
export const API_TOKEN_VALUE = "demo-api-token-abc123";

interface AwsWorkspace extends SeededWorkspace {
  configId: number;
  /** /w/<id>/p/<first project>/connections */
  connections: string;
}

/** A fresh workspace (workspace scope) with an AWS configuration; the demo role trusts its External ID. */
export async function seedAwsWorkspace(): Promise<AwsWorkspace> {
  const ws = await seed.workspace();
  const config = await db.secretsProviderConfig.create({
    data: { workspaceId: ws.id, currentOwnerKey: `w:${ws.id}`, kind: "aws", settings: { roleArn: DEMO_ROLE, region: "us-east-1" } },
    select: { id: true },
  });
  // These specs are about connections, not the reference policy (e2e/security/reference-policy.spec.ts is).
  await db.referencePolicyEntry.create({ data: { providerConfigId: config.id, secretPattern: "*", destinations: ["*"] } });
  await awsState({ op: "setRoleTrust", roleArn: DEMO_ROLE, externalId: `workato_iam_external_id_${ws.id}` });
  return { ...ws, configId: config.id, connections: `/w/${ws.id}/p/${ws.projects[0]!.id}/connections` };
}

/** Signs in and waits until the console has taken over, so the next navigation carries the session. */
export async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email);
}

export async function awsState(mutation: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${E2E_EMULATORS.aws}/_emulator/state`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(mutation),
  });
  if (!res.ok) throw new Error(`AWS emulator refused ${JSON.stringify(mutation)}: ${await res.text()}`);
}

export const resetAws = () => awsState({ op: "reset" });

/** A workspace API token, stored as the console stores it (SHA-256 and prefix); returns the token. */
export async function createApiToken(workspaceId: number): Promise<string> {
  const prefix = `kh_${randomBytes(6).toString("hex").slice(0, 8)}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({
    data: {
      workspaceId,
      name: "e2e automation",
      prefix,
      tokenHash: createHash("sha256").update(token).digest("hex"),
      scopes: "cache:clear connections:refresh",
    },
  });
  return token;
}

export async function clearCache(request: APIRequestContext, token: string): Promise<void> {
  const res = await request.post("/api/secrets_management/clear_cache", { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ success: true });
}

/** Fills the new-connection form for an HTTP API with bearer auth against the demo API, and creates it. */
export async function createHttpConnection(page: Page, ws: AwsWorkspace, options: { name: string; token: { literal: string } | { reference: string } }) {
  await page.goto(`${ws.connections}/new`);
  await fillHttpConnection(page, options);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("heading", { name: options.name })).toBeVisible();
  await expect(page.getByText("Connection created.")).toBeVisible();
}

export async function fillHttpConnection(page: Page, options: { name: string; token: { literal: string } | { reference: string } }) {
  await page.getByLabel("Name", { exact: true }).fill(options.name);
  await page.getByLabel("Type").selectOption("http");
  await page.getByLabel("Base URL").fill(E2E_EMULATORS.demoTarget);
  await page.getByLabel("Test path").fill("/health");
  await page.getByLabel("Authentication").selectOption("bearer");
  const token = page.getByRole("group", { name: "Bearer token" });
  if ("literal" in options.token) {
    await token.getByRole("radio", { name: "Literal" }).check();
    await token.getByLabel("Bearer token").fill(options.token.literal);
  } else {
    await token.getByRole("radio", { name: "Secret reference" }).check();
    await token.getByLabel("Bearer token").fill(options.token.reference);
  }
}

/** Runs "Test connection" and returns the results region once it shows. */
export async function runTest(page: Page) {
  const results = page.getByRole("region", { name: "Test results" });
  const before = (await results.count()) > 0 ? await results.getAttribute("data-tested-at") : null;
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(results).toBeVisible({ timeout: 20_000 });
  // A previous report stays until the new one replaces it: wait for this test's own.
  if (before) await expect(results).not.toHaveAttribute("data-tested-at", before, { timeout: 20_000 });
  return results;
}
