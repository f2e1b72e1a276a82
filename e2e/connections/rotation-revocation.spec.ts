import { db } from "@/lib/db";
import { expect, screenshot, test } from "../fixtures";
import {
  API_TOKEN_REF,
  API_TOKEN_VALUE,
  DEMO_ROLE,
  awsState,
  clearCache,
  createApiToken,
  createHttpConnection,
  resetAws,
  runTest,
  seedAwsWorkspace,
  signInAs,
} from "./support";

test.afterEach(async () => {
  await resetAws();
});

test("rotation: within the TTL the cached value is used; after clear_cache the new value is fetched", async ({ page, request }) => {
  const ws = await seedAwsWorkspace();
  // Rotation polling off: this is the TTL path (polling on: e2e/connections/rotation-poll.spec.ts).
  await db.workspace.update({ where: { id: ws.id }, data: { rotationPollSeconds: 0 } });
  const apiToken = await createApiToken(ws.id);
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Rotating API", token: { reference: API_TOKEN_REF } });

  let results = await runTest(page);
  const resolveStep = results.getByRole("listitem").first();
  await expect(results).toContainText("Connection works.");
  await expect(resolveStep).toContainText("Fetched from the provider");

  // Rotate to a token the demo API refuses: the cache (TTL 60 minutes) still serves the old, accepted one.
  await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: "rotated-but-refused-token" });
  results = await runTest(page);
  await expect(resolveStep).toContainText("Resolved from cache");
  await expect(results).toContainText("Connection works.");

  // clear_cache drops it: the new value is fetched, and the API's 401 proves it is the one in use.
  await clearCache(request, apiToken);
  results = await runTest(page);
  await expect(resolveStep).toContainText("Fetched from the provider");
  await expect(results).toContainText("refused the credentials (401)");

  // Rotate to another token the API accepts: after clear_cache the connection works with it.
  await awsState({ op: "putSecretValue", name: "prod/api-token", secretString: "demo-api-token" });
  await clearCache(request, apiToken);
  results = await runTest(page);
  await expect(resolveStep).toContainText("Fetched from the provider");
  await expect(results).toContainText("Connection works.");
  for (const value of [API_TOKEN_VALUE, "rotated-but-refused-token", apiToken]) expect(await page.content()).not.toContain(value);
});

test("revocation: the cached value serves until the TTL ends, then the test fails naming the permission the role lacks", async ({ page }) => {
  // The shortest TTL the settings allow (1 minute): this test waits it out for real.
  test.setTimeout(180_000);
  const ws = await seedAwsWorkspace();
  await db.workspace.update({ where: { id: ws.id }, data: { cacheTtlMinutes: 1 } });
  await signInAs(page, ws.admin.email);
  await createHttpConnection(page, ws, { name: "Revoked API", token: { reference: API_TOKEN_REF } });
  let results = await runTest(page);
  await expect(results).toContainText("Connection works.");
  const cachedAt = Date.now();

  // The role keeps ListSecrets and DescribeSecret, but may no longer read values.
  await awsState({
    op: "setRolePermissions",
    roleArn: DEMO_ROLE,
    permissions: [
      { actions: ["secretsmanager:ListSecrets"], resources: ["*"] },
      { actions: ["secretsmanager:DescribeSecret"], resources: ["arn:aws:secretsmanager:*:123456789012:secret:*"] },
    ],
  });
  // Within the TTL the cached value is used: no provider call, so the revocation is not seen yet.
  results = await runTest(page);
  await expect(results).toContainText("Connection works.");
  expect(Date.now() - cachedAt).toBeLessThan(60_000);

  await page.waitForTimeout(Math.max(0, cachedAt + 61_000 - Date.now()));
  results = await runTest(page);
  await expect(results).toContainText("Test failed.");
  await expect(results).toContainText("A reference did not resolve, so no connection was attempted.");
  const step = results.getByRole("listitem").first();
  await expect(step).toContainText(/The role arn:aws:iam::123456789012:role\/keyhold-demo lacks secretsmanager:(BatchGetSecretValue|GetSecretValue)/);
  await expect(step).toContainText(/Missing permission: secretsmanager:(BatchGetSecretValue|GetSecretValue)/);
  await expect(step).toContainText("Fix: Add a statement allowing");
  await expect(step.getByLabel("Command")).toContainText("aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:role/keyhold-demo");
  await expect(step.getByRole("button", { name: "Copy command" })).toBeVisible();
  await expect(results.getByRole("listitem").last()).toContainText("Not attempted: fix the references above, then test again.");
  await screenshot(page, "connection-test-failure-permission");

  const row = await db.connection.findFirstOrThrow({ where: { workspaceId: ws.id, name: "Revoked API" }, select: { lastTestOk: true, lastTestSummary: true } });
  expect(row.lastTestOk).toBe(false);
  expect(row.lastTestSummary).toMatch(/lacks secretsmanager:/);
  await page.getByRole("link", { name: "← Connections" }).click();
  await expect(page.getByRole("row", { name: /Revoked API/ }).getByText("Failed")).toBeVisible();
});
